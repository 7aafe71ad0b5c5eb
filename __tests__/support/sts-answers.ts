/** STS's XML answer to AssumeRole and AssumeRoleWithWebIdentity, as the fake transports of the unit tests send it. */
export interface StsSessionFields {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** The role assumed: the assumed-role ARN takes its account and name, with the session name `ci-session`. */
  roleArn: string;
  expiration: Date;
}

export function stsSessionXml(action: string, f: StsSessionFields): string {
  const account = f.roleArn.split(':')[4];
  const role = f.roleArn.split('/').pop();
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>
<Credentials><AccessKeyId>${f.accessKeyId}</AccessKeyId><SecretAccessKey>${f.secretAccessKey}</SecretAccessKey><SessionToken>${f.sessionToken}</SessionToken><Expiration>${f.expiration.toISOString()}</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/${role}/ci-session</Arn><AssumedRoleId>AROAEXAMPLE:ci-session</AssumedRoleId></AssumedRoleUser>
</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;
}
