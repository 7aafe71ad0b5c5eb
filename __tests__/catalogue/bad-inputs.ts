/**
 * Every bad-input case the project handles, with the error text a user sees. The end-to-end test runs each through
 * the bundled action; the README's troubleshooting section is checked against this list.
 */

export interface BadInputCase {
  /** What the user did wrong, as the troubleshooting section lists it. */
  title: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** Text the error annotation must contain: it names the input and the fix. */
  expect: string;
}

const OIDC = {
  'aws-region': 'us-east-1',
  'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
  'web-identity-token-file': '/dev/null',
};
// Certificate-mode inputs: structurally wrong PEM needs no real key material.
const IOT = {
  'aws-region': 'us-east-1',
  'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
  'role-alias': 'ci',
};
const RA = {
  'aws-region': 'us-east-1',
  'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x',
  'profile-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/y',
  'role-to-assume': 'arn:aws:iam::123456789012:role/r',
};
const MINIO = { 'minio-endpoint': 'https://minio.example.com:9000' };
const B64 =
  'MIIBszCCAVmgAwIBAgIUQk0xZ3J0c2VjcmV0c2VjcmV0c2VjcmV0MAoGCCqGSM49BAMCMBIxEDAOBgNVBAMMB3Rlc3QtY2EwHhcNMjYwMTAxMDAwMDAwWhcNMjcwMTAxMDAwMDAwWjASMRAwDgYDVQQDDAd0ZXN0LWNh';
const FAKE = (label: string) => `-----BEGIN ${label}-----\n${B64}\n-----END ${label}-----\n`;

const RUNNER = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x' };

export const BAD_INPUTS: BadInputCase[] = [
  {
    title: 'aws-region missing',
    inputs: { 'role-to-assume': OIDC['role-to-assume'] },
    expect: "Input 'aws-region': is required",
  },
  {
    title: 'aws-region malformed',
    inputs: { ...OIDC, 'aws-region': 'US East' },
    expect: "Input 'aws-region': 'US East' is not an AWS region name",
  },
  {
    title: 'no mode inputs at all',
    inputs: { 'aws-region': 'us-east-1' },
    expect: "Input 'role-to-assume': is required (no mode's inputs are set)",
  },
  {
    title: 'role-to-assume is a bare role name',
    inputs: { ...OIDC, 'role-to-assume': 'deploy' },
    expect: "Use the role's ARN: arn:aws:iam::<account-id>:role/deploy",
  },
  {
    title: 'role-to-assume is not an IAM ARN',
    inputs: { ...OIDC, 'role-to-assume': 'arn:aws:s3:::bucket' },
    expect: "Input 'role-to-assume': 'arn:aws:s3:::bucket' is an ARN of service 's3', not an IAM role",
  },
  {
    title: 'role-to-assume account is not 12 digits',
    inputs: { ...OIDC, 'role-to-assume': 'arn:aws:iam::1234:role/x' },
    expect: "has account '1234', which is not 12 digits",
  },
  {
    title: 'role-to-assume names a user, not a role',
    inputs: { ...OIDC, 'role-to-assume': 'arn:aws:iam::123456789012:user/alice' },
    expect: 'does not name a role (its resource must be role/<name>)',
  },
  {
    title: 'role-to-assume has an unknown partition',
    inputs: { ...OIDC, 'role-to-assume': 'arn:amazon:iam::123456789012:role/x' },
    expect: "has an unknown partition 'amazon'",
  },
  {
    title: 'role-duration-seconds below 900',
    inputs: { ...OIDC, 'role-duration-seconds': '60' },
    expect: "Input 'role-duration-seconds': 60 is out of range. Use a whole number of seconds from 900 to 43200",
  },
  {
    title: 'role-duration-seconds not a number',
    inputs: { ...OIDC, 'role-duration-seconds': '1h' },
    expect: "Input 'role-duration-seconds': '1h' is not a whole number",
  },
  {
    title: 'role-session-name with invalid characters',
    inputs: { ...OIDC, 'role-session-name': 'my session' },
    expect: "Input 'role-session-name': 'my session' is not a valid role session name",
  },
  {
    title: 'inline-session-policy is not JSON',
    inputs: { ...OIDC, 'inline-session-policy': '{Version: 2012}' },
    expect: "Input 'inline-session-policy': is not valid JSON",
  },
  {
    title: 'inline-session-policy is not a policy',
    inputs: { ...OIDC, 'inline-session-policy': '[1,2]' },
    expect: 'is JSON but not an IAM policy document (no "Statement")',
  },
  {
    title: 'managed-session-policies holds a non-policy ARN',
    inputs: { ...OIDC, 'managed-session-policies': 'arn:aws:iam::123456789012:role/x' },
    expect: "Input 'managed-session-policies': 'arn:aws:iam::123456789012:role/x' is not an IAM policy ARN",
  },
  {
    title: 'chain-role-arn malformed',
    inputs: { ...OIDC, 'chain-role-arn': 'target role' },
    expect: "Input 'chain-role-arn': 'target role' is a role name, not a role ARN",
  },
  {
    title: 'static access keys (from configure-aws-credentials)',
    inputs: { ...OIDC, 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE', 'aws-secret-access-key': 'x' },
    expect:
      "Input 'aws-access-key-id': is not accepted: this action never takes long-lived access keys (nor aws-secret-access-key). Remove the keys and use a short-lived identity: GitHub OIDC",
  },
  {
    title: 'a misspelt input',
    inputs: { ...OIDC, 'allowed-account-id': '123456789012' },
    expect:
      "Input 'allowed-account-id': is not an input of this action; the runner would only have warned. Check the spelling under with:. Valid inputs:",
  },
  {
    title: 'allowed-account-ids with a malformed id',
    inputs: { ...OIDC, 'allowed-account-ids': '1234-5678-9012' },
    expect: "Input 'allowed-account-ids': '1234-5678-9012' is not a 12-digit AWS account id",
  },
  {
    title: 'role-external-id with spaces',
    inputs: { ...OIDC, 'chain-role-arn': 'arn:aws:iam::123456789012:role/t', 'role-external-id': 'a b' },
    expect: "Input 'role-external-id': contains characters STS does not accept",
  },
  {
    title: 'a boolean input that is not true/false',
    inputs: { ...OIDC, 'output-credentials': 'yes' },
    expect: "Input 'output-credentials': 'yes' is not a boolean. Use true or false",
  },
  {
    title: 'retry-max-attempts zero',
    inputs: { ...OIDC, 'retry-max-attempts': '0' },
    expect: "Input 'retry-max-attempts': 0 is out of range",
  },
  {
    title: 'action-timeout-s not a number',
    inputs: { ...OIDC, 'action-timeout-s': 'soon' },
    expect: "Input 'action-timeout-s': 'soon' is not a whole number",
  },
  {
    title: 'unknown mode',
    inputs: { ...OIDC, mode: 'saml' },
    expect: "Input 'mode': 'saml' is not a mode. Use one of oidc, iot-certificate, roles-anywhere, minio-certificate",
  },
  {
    title: "mode contradicts another mode's inputs",
    inputs: { ...OIDC, mode: 'oidc', 'role-alias': 'ci' },
    expect: "Input 'mode': is oidc, but role-alias belongs to another mode",
  },
  {
    title: 'inputs of two modes at once',
    inputs: { ...OIDC, 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x' },
    expect:
      "Input 'mode': cannot be inferred: web-identity-token-file (oidc) and trust-anchor-arn (roles-anywhere) are set together",
  },
  {
    title: 'certificate without a mode',
    inputs: { 'aws-region': 'us-east-1', certificate: '/tmp/c.pem' },
    expect: "Input 'mode': cannot be inferred: a certificate is given",
  },
  {
    title: 'role-chaining with no credentials in the environment',
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': OIDC['role-to-assume'], 'role-chaining': 'true' },
    // Without this the runner's instance profile would be the base (runner-identity.test.ts).
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    expect: "Input 'role-chaining': is true but no AWS credentials are in the environment",
  },
  {
    title: 'role-chaining together with OIDC inputs',
    inputs: { ...OIDC, 'role-chaining': 'true' },
    expect:
      "Input 'role-chaining': is true, which uses the credentials already in the environment, but web-identity-token-file is also set",
  },
  {
    title: 'role-chaining for more than an hour',
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': OIDC['role-to-assume'],
      'role-chaining': 'true',
      'role-duration-seconds': '7200',
    },
    env: { AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SECRET_ACCESS_KEY: 'y', AWS_SESSION_TOKEN: 'z' },
    expect:
      "Input 'role-duration-seconds': 7200 exceeds the 1 hour limit STS sets on sessions reached by role chaining",
  },
  {
    title: 'web-identity-token-file unreadable',
    inputs: { ...OIDC, 'web-identity-token-file': '/nonexistent/token' },
    expect: "Input 'web-identity-token-file': cannot read /nonexistent/token (ENOENT)",
  },
  {
    title: 'web-identity-token-file empty',
    inputs: OIDC,
    expect: "Input 'web-identity-token-file': /dev/null is empty",
  },
  {
    title: "no id-token: the job lacks 'permissions: id-token: write'",
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': OIDC['role-to-assume'] },
    // A machine with no instance metadata: nothing listens there.
    env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' },
    expect:
      "the runner's own AWS identity from the EC2 instance profile (instance metadata, IMDSv2) (tried because the job has no id-token) failed",
  },
  {
    title: 'no id-token, and instance metadata turned off',
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': OIDC['role-to-assume'] },
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    expect: "Input 'role-to-assume': has no credentials to assume it with: the job has no id-token",
  },
  {
    title: 'AWS_ENDPOINT_URL_STS is not a URL',
    inputs: { ...OIDC, 'web-identity-token-file': '/etc/hostname' },
    env: { AWS_ENDPOINT_URL_STS: 'sts.local' },
    expect: "Environment variable 'AWS_ENDPOINT_URL_STS': is not a URL (it does not start with https://)",
  },
  {
    title: 'AWS_ENDPOINT_URL_STS is plain http:// off this machine',
    inputs: { ...OIDC, 'web-identity-token-file': '/etc/hostname' },
    env: { AWS_ENDPOINT_URL_STS: 'http://sts.example.com' },
    expect:
      "Environment variable 'AWS_ENDPOINT_URL_STS': 'http://sts.example.com' is plain http:// to a host that is not loopback, so tokens and signed requests would cross the network in clear text. Use https://",
  },
  {
    title: 'web-identity-token-file holds the id-token itself',
    inputs: { ...OIDC, 'web-identity-token-file': 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOngveSJ9.c2lnbmF0dXJl' },
    expect: "Input 'web-identity-token-file': looks like a JWT (the id-token itself), not a path (not shown)",
  },
  {
    title: 'profile name with spaces',
    inputs: { ...OIDC, profile: 'my profile' },
    expect: "Input 'profile': 'my profile' is not a usable profile name",
  },
  {
    title: 'credentials delivered nowhere',
    inputs: { ...OIDC, 'output-env-credentials': 'false' },
    expect: "Input 'output-env-credentials': is false and no other delivery is chosen",
  },
  {
    title: 'IoT mode without an endpoint',
    inputs: { 'aws-region': 'us-east-1', 'role-alias': 'ci', certificate: 'x', 'private-key': 'y' },
    expect:
      "Input 'iot-credential-endpoint': is required. Find your account's endpoint with: aws iot describe-endpoint --endpoint-type iot:CredentialProvider",
  },
  {
    title: 'IoT endpoint is the data endpoint',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'abc123-ats.iot.us-east-1.amazonaws.com',
      'role-alias': 'ci',
      certificate: 'x',
      'private-key': 'y',
    },
    expect: 'This looks like the IoT data endpoint, not the credentials provider',
  },
  {
    title: 'IoT endpoint over plain http',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'http://localhost:8443',
      'role-alias': 'ci',
      certificate: 'x',
      'private-key': 'y',
    },
    expect: "'http://localhost:8443' is not https",
  },
  {
    title: 'IoT mode without role-alias',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
      certificate: 'x',
      'private-key': 'y',
    },
    expect: "Input 'role-alias': is required",
  },
  {
    title: 'IoT role-alias given as an ARN',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'arn:aws:iot:us-east-1:123456789012:rolealias/ci',
      certificate: 'x',
      'private-key': 'y',
    },
    expect: 'is not a role alias name',
  },
  {
    title: 'IoT mode with role-duration-seconds',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'ci',
      certificate: 'x',
      'private-key': 'y',
      'role-duration-seconds': '3600',
    },
    expect: "Input 'role-duration-seconds': does not apply in iot-certificate mode",
  },
  {
    title: 'IoT mode without a certificate',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'ci',
      'private-key': 'y',
    },
    expect: "Input 'certificate': is required",
  },
  {
    title: 'Roles Anywhere trust anchor ARN malformed',
    inputs: {
      'aws-region': 'us-east-1',
      'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/x',
      'profile-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/y',
      'role-to-assume': OIDC['role-to-assume'],
      certificate: 'x',
    },
    expect:
      "Input 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/x' is not a trust-anchor ARN",
  },
  {
    title: 'Roles Anywhere trust anchor and profile in different regions',
    inputs: {
      'aws-region': 'us-east-1',
      'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x',
      'profile-arn': 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/y',
      'role-to-assume': OIDC['role-to-assume'],
      certificate: 'x',
    },
    expect: "Input 'profile-arn': is in region eu-west-1 but trust-anchor-arn is in us-east-1",
  },
  {
    title: 'Roles Anywhere without profile-arn',
    inputs: {
      'aws-region': 'us-east-1',
      'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x',
      'role-to-assume': OIDC['role-to-assume'],
      certificate: 'x',
    },
    expect: "Input 'profile-arn': is required",
  },
  {
    title: 'certificate is base64 without the PEM armour',
    inputs: { ...IOT, certificate: B64, 'private-key': FAKE('PRIVATE KEY') },
    expect:
      "Input 'certificate': looks like base64 DER without the -----BEGIN line. Paste the whole PEM, including the -----BEGIN ...----- and -----END ...----- lines",
  },
  {
    title: 'certificate PEM with a damaged header, pasted with \\n escapes',
    inputs: {
      ...IOT,
      certificate: FAKE('CERTIFICATE').replace('-----BEGIN', '----BEGIN').replace(/\n/g, '\\n'),
      'private-key': FAKE('PRIVATE KEY'),
    },
    expect: "Input 'certificate': looks like PEM text with a damaged header or footer (not shown)",
  },
  {
    title: 'certificate path does not exist',
    inputs: { ...IOT, certificate: '/nonexistent/cert.pem', 'private-key': FAKE('PRIVATE KEY') },
    expect:
      "Input 'certificate': looks like a file path, but '/nonexistent/cert.pem' does not exist. Set 'certificate' to the PEM text itself or to the path of an existing file (relative paths start from the working directory)",
  },
  {
    title: 'certificate input holds a private key',
    inputs: { ...IOT, certificate: FAKE('PRIVATE KEY'), 'private-key': FAKE('PRIVATE KEY') },
    expect:
      "Input 'certificate': holds a private key, not a certificate. Put the certificate (-----BEGIN CERTIFICATE-----) in 'certificate' and the key in 'private-key'; rotate the key if it was exposed",
  },
  {
    title: 'certificate PEM has BEGIN without END',
    inputs: { ...IOT, certificate: `-----BEGIN CERTIFICATE-----\n${B64}\n`, 'private-key': FAKE('PRIVATE KEY') },
    expect:
      "Input 'certificate': PEM block 1 ('-----BEGIN CERTIFICATE-----') has no matching '-----END CERTIFICATE-----' line. Paste the whole PEM, including its last line; check that the secret was not cut short",
  },
  {
    title: 'certificate PEM labels do not match',
    inputs: {
      ...IOT,
      certificate: `-----BEGIN CERTIFICATE-----\n${B64}\n-----END PRIVATE KEY-----\n`,
      'private-key': FAKE('PRIVATE KEY'),
    },
    expect:
      "Input 'certificate': PEM block 1 begins as 'CERTIFICATE' but ends as 'PRIVATE KEY'. Paste each PEM block whole, from its BEGIN line to its own END line",
  },
  {
    title: 'certificate is neither PEM nor a path',
    inputs: { ...IOT, certificate: 'my certificate', 'private-key': FAKE('PRIVATE KEY') },
    expect:
      "Input 'certificate': is neither PEM text nor a path to a file (14 characters on 1 line). Set it to the whole PEM text (-----BEGIN ... -----END ...) or to the path of a PEM file",
  },
  {
    title: 'private-key holds a public key',
    inputs: { ...RA, certificate: '/etc/ssl/certs/ca-certificates.crt', 'private-key': FAKE('PUBLIC KEY') },
    expect:
      "Input 'private-key': holds a public key, not a private key. Paste the private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----) that belongs to the certificate",
  },
  {
    title: 'private-key holds a certificate',
    inputs: { ...RA, certificate: '/etc/ssl/certs/ca-certificates.crt', 'private-key': FAKE('CERTIFICATE') },
    expect:
      "Input 'private-key': holds a certificate, not a private key. Put the certificate in 'certificate' and the private key (-----BEGIN PRIVATE KEY-----) in 'private-key'",
  },
  {
    title: 'private-key path does not exist',
    inputs: { ...RA, certificate: '/etc/ssl/certs/ca-certificates.crt', 'private-key': '/nonexistent/key.pem' },
    expect:
      "Input 'private-key': looks like a file path, but '/nonexistent/key.pem' does not exist. Set 'private-key' to the PEM text itself or to the path of an existing file (relative paths start from the working directory)",
  },
  {
    title: 'PKCS#12 certificate that is neither base64 nor a file',
    inputs: { ...RA, certificate: 'not a bundle at all' },
    expect:
      "Input 'certificate': is neither base64 of a PKCS#12 file nor a path to one (19 characters on 1 line). Set it to the output of 'base64 -w0 file.p12' or to the path of the file",
  },
  {
    title: 'PKCS#12 bundle that is not a PKCS#12 file',
    inputs: { ...RA, certificate: '/etc/passwd' },
    expect:
      "Input 'certificate': is not a readable PKCS#12 file: the PFX has tag 0x72, expected 0x30. Check that it holds the whole .p12/.pfx (stored as base64 in a secret, or as a file path), or export it again with: openssl pkcs12 -export",
  },
  {
    title: 'thing-name with invalid characters',
    inputs: { ...IOT, 'thing-name': 'my thing', certificate: 'x', 'private-key': 'y' },
    expect:
      "Input 'thing-name': 'my thing' is not a valid thing name. Use the IoT thing name (letters, digits and :_-)",
  },
  {
    title: 'IoT endpoint URL with a path',
    inputs: {
      ...IOT,
      'iot-credential-endpoint': 'https://abc.credentials.iot.us-east-1.amazonaws.com/role-aliases/ci/credentials',
      certificate: 'x',
      'private-key': 'y',
    },
    expect:
      "Input 'iot-credential-endpoint': 'https://abc.credentials.iot.us-east-1.amazonaws.com/role-aliases/ci/credentials' has a path. Give the host only; the action adds /role-aliases/<alias>/credentials",
  },
  {
    title: 'IoT mode without private-key',
    inputs: { ...IOT, certificate: 'x' },
    expect: "Input 'private-key': is required. Set it: give the certificate's private key as PEM text or a path",
  },
  {
    title: 'Roles Anywhere profile ARN of another service',
    inputs: { ...RA, 'profile-arn': 'arn:aws:iam::123456789012:role/y', certificate: 'x' },
    expect:
      "Input 'profile-arn': 'arn:aws:iam::123456789012:role/y' is an ARN of service 'iam', not 'rolesanywhere'. Use an ARN like arn:aws:rolesanywhere:us-east-1:123456789012:profile/<id>",
  },
  {
    title: 'Roles Anywhere without role-to-assume',
    inputs: { ...RA, 'role-to-assume': '', certificate: 'x' },
    expect:
      "Input 'role-to-assume': is required. Set it: Roles Anywhere needs the role to assume, one the profile lists",
  },
  {
    title: 'Roles Anywhere without trust-anchor-arn',
    inputs: { ...RA, 'trust-anchor-arn': '', certificate: 'x' },
    expect:
      "Input 'trust-anchor-arn': is required. Set it: Roles Anywhere needs the trust anchor that issued the certificate",
  },
  {
    title: 'explicit mode oidc with a certificate',
    inputs: { ...OIDC, mode: 'oidc', certificate: 'x' },
    expect: "Input 'mode': is oidc, but certificate belongs to another mode. Remove certificate, or change mode",
  },
  {
    title: 'mode iot-certificate with audience',
    inputs: { ...IOT, mode: 'iot-certificate', audience: 'sts.amazonaws.com', certificate: 'x', 'private-key': 'y' },
    expect: "Input 'mode': is iot-certificate, but audience belongs to another mode. Remove audience, or change mode",
  },
  {
    title: 'http-proxy is a SOCKS proxy',
    inputs: { ...OIDC, 'http-proxy': 'socks5://127.0.0.1:1080' },
    expect:
      "Input 'http-proxy': uses socks5, which is not supported. Use an http:// proxy; HTTPS requests are tunnelled through it with CONNECT, so TLS stays end to end",
  },
  {
    title: 'source-identity with a space',
    inputs: { ...OIDC, 'chain-role-arn': 'arn:aws:iam::123456789012:role/next', 'source-identity': 'ci run' },
    expect:
      "Input 'source-identity': 'ci run' is not a source identity STS accepts. Use 2 to 64 characters from letters, digits and +=,.@_- that do not start with aws:",
  },
  {
    title: 'source-identity starting with aws:',
    inputs: { ...OIDC, 'chain-role-arn': 'arn:aws:iam::123456789012:role/next', 'source-identity': 'aws:ci' },
    expect: "Input 'source-identity': 'aws:ci' is not a source identity STS accepts",
  },
  {
    title: 'source-identity: run outside a GitHub run',
    inputs: { ...OIDC, 'chain-role-arn': 'arn:aws:iam::123456789012:role/next', 'source-identity': 'run' },
    expect: "Input 'source-identity': is run, but GITHUB_RUN_ID (and GITHUB_RUN_ATTEMPT) are not set to run numbers",
  },
  {
    title: 'role-session-name too short',
    inputs: { ...OIDC, 'role-session-name': 'a' },
    expect:
      "Input 'role-session-name': 'a' is not a valid role session name. Use 2 to 64 characters from letters, digits and +=,.@_-",
  },
  {
    title: 'role-duration-seconds above 12 hours',
    inputs: { ...OIDC, 'role-duration-seconds': '86400' },
    expect: "Input 'role-duration-seconds': 86400 is out of range. Use a whole number of seconds from 900 to 43200",
  },
  {
    title: 'more than 10 managed-session-policies',
    inputs: {
      ...OIDC,
      'managed-session-policies': Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`).join('\n'),
    },
    expect:
      "Input 'managed-session-policies': lists 11 policies; STS accepts at most 10. Remove some, or combine them into one policy",
  },
  {
    title: 'inline-session-policy above 2048 characters',
    inputs: {
      ...OIDC,
      'inline-session-policy': JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: Array.from({ length: 120 }, (_, i) => `s3:GetObjectVersion${i}`), Resource: '*' },
        ],
      }),
    },
    expect:
      "Input 'inline-session-policy': is 2973 characters without white space, above STS's limit of 2048. Shorten the policy, or use managed-session-policies",
  },
  {
    title: 'AWS_ENDPOINT_URL is not http(s)',
    inputs: { ...OIDC, 'web-identity-token-file': '/etc/passwd' },
    env: { AWS_ENDPOINT_URL: 'ftp://sts.local' },
    expect:
      "Environment variable 'AWS_ENDPOINT_URL': 'ftp://sts.local' is not an http(s) URL. Set AWS_ENDPOINT_URL to an https:// URL",
  },
  {
    title: 'action-timeout-s above the ceiling',
    inputs: { ...OIDC, 'action-timeout-s': '3601' },
    expect: "Input 'action-timeout-s': 3601 is out of range. Use a whole number of seconds from 0 to 3600",
  },
  {
    title: 'retry-max-attempts above 100',
    inputs: { ...OIDC, 'retry-max-attempts': '1000' },
    expect: "Input 'retry-max-attempts': 1000 is out of range. Use a whole number of attempts from 1 to 100",
  },
  {
    title: 'chain-role-arn in another partition format',
    inputs: { ...OIDC, 'chain-role-arn': 'arn:aws:iam:us-east-1:123456789012:role/x' },
    expect:
      "Input 'chain-role-arn': 'arn:aws:iam:us-east-1:123456789012:role/x' has a region, but IAM ARNs have none. Remove the region: arn:aws:iam::123456789012:role/x",
  },
  {
    title: 'web-identity-token-file holds something that is not a JWT',
    inputs: { ...OIDC, 'web-identity-token-file': '/etc/passwd' },
    expect:
      "Input 'web-identity-token-file': does not hold a JWT (three base64url parts separated by dots). Give the raw id-token, not JSON around it or a file of several lines",
  },
  {
    title: 'MinIO endpoint over plain http',
    inputs: { 'minio-endpoint': 'http://127.0.0.1:9000', certificate: 'x', 'private-key': 'y' },
    expect:
      "Input 'minio-endpoint': 'http://127.0.0.1:9000' is not https. MinIO reads the client certificate from the TLS handshake: use https://",
  },
  {
    title: 'MinIO endpoint over plain http off this machine',
    inputs: { 'minio-endpoint': 'http://minio.example.com:9000', certificate: 'x', 'private-key': 'y' },
    expect: "Input 'minio-endpoint': 'http://minio.example.com:9000' is plain http:// to a host that is not loopback",
  },
  {
    title: 'MinIO endpoint with a path',
    inputs: { 'minio-endpoint': 'https://minio.example.com:9000/ci-artifacts', certificate: 'x', 'private-key': 'y' },
    expect:
      "Input 'minio-endpoint': 'https://minio.example.com:9000/ci-artifacts' has a path or query. Give the server URL only, https://host[:port]",
  },
  {
    title: 'MinIO endpoint that is not a URL',
    inputs: { 'minio-endpoint': 'minio.example.com:9000', certificate: 'x', 'private-key': 'y' },
    expect:
      "Input 'minio-endpoint': does not start with https://. Give the server URL, e.g. https://minio.example.com:9000",
  },
  {
    title: 'MinIO mode without a certificate',
    inputs: { ...MINIO, 'private-key': 'y' },
    expect:
      "Input 'certificate': is required. Set it: give the client certificate as PEM text, a path, or a PKCS#12 file",
  },
  {
    title: 'MinIO mode with chain-role-arn',
    inputs: { ...MINIO, certificate: 'x', 'private-key': 'y', 'chain-role-arn': 'arn:aws:iam::123456789012:role/x' },
    expect:
      "Input 'chain-role-arn': does not apply in minio-certificate mode: MinIO credentials are MinIO's own, not AWS's: they cannot call sts:AssumeRole on an AWS role. Remove chain-role-arn",
  },
  {
    title: 'MinIO role-duration-seconds above 365 days',
    inputs: { ...MINIO, certificate: 'x', 'private-key': 'y', 'role-duration-seconds': '31536001' },
    expect:
      "Input 'role-duration-seconds': 31536001 is out of range. Use a whole number of seconds from 900 to 31536000",
  },
  {
    title: 'MinIO role-duration-seconds below 15 minutes',
    inputs: { ...MINIO, certificate: 'x', 'private-key': 'y', 'role-duration-seconds': '600' },
    expect: "Input 'role-duration-seconds': 600 is out of range. Use a whole number of seconds from 900 to 31536000",
  },
  {
    title: 'MinIO endpoint together with IoT inputs',
    inputs: { ...MINIO, 'role-alias': 'ci', certificate: 'x', 'private-key': 'y' },
    expect:
      "Input 'mode': cannot be inferred: role-alias (iot-certificate) and minio-endpoint (minio-certificate) are set together",
  },
  {
    title: 'ca-certificate with Roles Anywhere (it is read by IoT and MinIO only)',
    inputs: { ...RA, certificate: 'x', 'ca-certificate': '/c.pem' },
    expect:
      "Input 'mode': is inferred as roles-anywhere (from trust-anchor-arn, profile-arn), but ca-certificate is not read in that mode",
  },
  {
    title: 'MinIO certificate is base64 without the PEM armour',
    inputs: { ...MINIO, certificate: B64, 'private-key': FAKE('PRIVATE KEY') },
    expect: "Input 'certificate': looks like base64 DER without the -----BEGIN line",
  },
  {
    title: 'MinIO certificate path does not exist',
    inputs: { ...MINIO, certificate: '/nonexistent/cert.pem', 'private-key': FAKE('PRIVATE KEY') },
    expect: "Input 'certificate': looks like a file path, but '/nonexistent/cert.pem' does not exist",
  },
  {
    title: 'MinIO certificate input holds a private key',
    inputs: { ...MINIO, certificate: FAKE('PRIVATE KEY'), 'private-key': FAKE('PRIVATE KEY') },
    expect: "Input 'certificate': holds a private key, not a certificate",
  },
  {
    title: 'MinIO private-key holds a public key',
    inputs: { ...MINIO, certificate: '/etc/ssl/certs/ca-certificates.crt', 'private-key': FAKE('PUBLIC KEY') },
    expect: "Input 'private-key': holds a public key, not a private key",
  },
  {
    title: 'MinIO private-key path does not exist',
    inputs: { ...MINIO, certificate: '/etc/ssl/certs/ca-certificates.crt', 'private-key': '/nonexistent/key.pem' },
    expect: "Input 'private-key': looks like a file path, but '/nonexistent/key.pem' does not exist",
  },
  {
    title: 'MinIO PKCS#12 certificate that is neither base64 nor a file',
    inputs: { ...MINIO, certificate: 'not a bundle at all' },
    expect: "Input 'certificate': is neither base64 of a PKCS#12 file nor a path to one",
  },
  {
    title: 'MinIO PKCS#12 bundle that is not a PKCS#12 file',
    inputs: { ...MINIO, certificate: '/etc/passwd' },
    expect: "Input 'certificate': is not a readable PKCS#12 file",
  },
  {
    title: 'aws-region malformed in MinIO mode (it may be left out, defaulting to us-east-1)',
    inputs: { ...MINIO, certificate: 'x', 'private-key': 'y', 'aws-region': 'Frankfurt' },
    expect: "Input 'aws-region': 'Frankfurt' is not an AWS region name",
  },
  {
    title: 'run outside the GitHub Actions runner (GITHUB_ENV unset)',
    inputs: OIDC,
    env: { GITHUB_ENV: '' },
    expect:
      "Environment variable 'GITHUB_ENV': is not set, so the step has nowhere safe to put its results. Run this action under the GitHub Actions runner",
  },
];

{
  RUNNER;
}
