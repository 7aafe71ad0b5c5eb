/** What every provider returns, whatever the source. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface Session {
  credentials: Credentials;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` where the source reports it. */
  assumedRoleArn?: string;
  /** The SourceIdentity STS reports the session carries (set on an sts:AssumeRole hop, or inherited by one). */
  sourceIdentity?: string;
  /** Endpoints the credentials are good at instead of AWS's (MinIO's S3); every delivery passes them on. */
  serviceEndpoints?: ServiceEndpoints;
}

export interface ServiceEndpoints {
  /** `https://host[:port]`, exported as AWS_ENDPOINT_URL_S3. */
  s3?: string;
}
