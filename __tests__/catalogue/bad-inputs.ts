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

const OIDC = { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'web-identity-token-file': '/dev/null' };
const RUNNER = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x' };

export const BAD_INPUTS: BadInputCase[] = [
  { title: 'aws-region missing', inputs: { 'role-to-assume': OIDC['role-to-assume'] }, expect: "Input 'aws-region': is required" },
  { title: 'aws-region malformed', inputs: { ...OIDC, 'aws-region': 'US East' }, expect: "Input 'aws-region': 'US East' is not an AWS region name" },
  { title: 'no mode inputs at all', inputs: { 'aws-region': 'us-east-1' }, expect: "Input 'role-to-assume': is required (no mode's inputs are set)" },
  { title: 'role-to-assume is a bare role name', inputs: { ...OIDC, 'role-to-assume': 'deploy' }, expect: "Use the role's ARN: arn:aws:iam::<account-id>:role/deploy" },
  { title: 'role-to-assume is not an IAM ARN', inputs: { ...OIDC, 'role-to-assume': 'arn:aws:s3:::bucket' }, expect: "Input 'role-to-assume': 'arn:aws:s3:::bucket' is an ARN of service 's3', not an IAM role" },
  { title: 'role-to-assume account is not 12 digits', inputs: { ...OIDC, 'role-to-assume': 'arn:aws:iam::1234:role/x' }, expect: "has account '1234', which is not 12 digits" },
  { title: 'role-to-assume names a user, not a role', inputs: { ...OIDC, 'role-to-assume': 'arn:aws:iam::123456789012:user/alice' }, expect: 'does not name a role (its resource must be role/<name>)' },
  { title: 'role-to-assume has an unknown partition', inputs: { ...OIDC, 'role-to-assume': 'arn:amazon:iam::123456789012:role/x' }, expect: "has an unknown partition 'amazon'" },
  { title: 'role-duration-seconds below 900', inputs: { ...OIDC, 'role-duration-seconds': '60' }, expect: "Input 'role-duration-seconds': 60 is out of range. Use a whole number of seconds from 900 to 43200" },
  { title: 'role-duration-seconds not a number', inputs: { ...OIDC, 'role-duration-seconds': '1h' }, expect: "Input 'role-duration-seconds': '1h' is not a whole number" },
  { title: 'role-session-name with invalid characters', inputs: { ...OIDC, 'role-session-name': 'my session' }, expect: "Input 'role-session-name': 'my session' is not a valid role session name" },
  { title: 'inline-session-policy is not JSON', inputs: { ...OIDC, 'inline-session-policy': '{Version: 2012}' }, expect: "Input 'inline-session-policy': is not valid JSON" },
  { title: 'inline-session-policy is not a policy', inputs: { ...OIDC, 'inline-session-policy': '[1,2]' }, expect: 'is JSON but not an IAM policy document (no "Statement")' },
  { title: 'managed-session-policies holds a non-policy ARN', inputs: { ...OIDC, 'managed-session-policies': 'arn:aws:iam::123456789012:role/x' }, expect: "Input 'managed-session-policies': 'arn:aws:iam::123456789012:role/x' is not an IAM policy ARN" },
  { title: 'chain-role-arn malformed', inputs: { ...OIDC, 'chain-role-arn': 'target-role' }, expect: "Input 'chain-role-arn': 'target-role' is a role name, not a role ARN" },
  { title: 'role-external-id with spaces', inputs: { ...OIDC, 'chain-role-arn': 'arn:aws:iam::123456789012:role/t', 'role-external-id': 'a b' }, expect: "Input 'role-external-id': contains characters STS does not accept" },
  { title: 'a boolean input that is not true/false', inputs: { ...OIDC, 'output-credentials': 'yes' }, expect: "Input 'output-credentials': 'yes' is not a boolean. Use true or false" },
  { title: 'retry-max-attempts zero', inputs: { ...OIDC, 'retry-max-attempts': '0' }, expect: "Input 'retry-max-attempts': 0 is out of range" },
  { title: 'action-timeout-s not a number', inputs: { ...OIDC, 'action-timeout-s': 'soon' }, expect: "Input 'action-timeout-s': 'soon' is not a whole number" },
  { title: 'unknown mode', inputs: { ...OIDC, mode: 'saml' }, expect: "Input 'mode': 'saml' is not a mode. Use one of oidc, iot-certificate, roles-anywhere" },
  { title: "mode contradicts another mode's inputs", inputs: { ...OIDC, mode: 'oidc', 'role-alias': 'ci' }, expect: "Input 'mode': is oidc, but role-alias belongs to another mode" },
  { title: 'inputs of two modes at once', inputs: { ...OIDC, 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x' }, expect: "Input 'mode': cannot be inferred: web-identity-token-file (oidc) and trust-anchor-arn (roles-anywhere) are set together" },
  { title: 'certificate without a mode', inputs: { 'aws-region': 'us-east-1', certificate: '/tmp/c.pem' }, expect: "Input 'mode': cannot be inferred: a certificate is given" },
  { title: 'role-chaining with no credentials in the environment', inputs: { 'aws-region': 'us-east-1', 'role-to-assume': OIDC['role-to-assume'], 'role-chaining': 'true' }, expect: "Input 'role-chaining': is true but no AWS credentials are in the environment" },
  { title: 'role-chaining together with OIDC inputs', inputs: { ...OIDC, 'role-chaining': 'true' }, expect: "Input 'role-chaining': is true, which uses the credentials already in the environment, but web-identity-token-file is also set" },
  { title: 'role-chaining for more than an hour', inputs: { 'aws-region': 'us-east-1', 'role-to-assume': OIDC['role-to-assume'], 'role-chaining': 'true', 'role-duration-seconds': '7200' }, env: { AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SECRET_ACCESS_KEY: 'y', AWS_SESSION_TOKEN: 'z' }, expect: "Input 'role-duration-seconds': 7200 exceeds the 1 hour limit STS sets on sessions reached by role chaining" },
  { title: 'web-identity-token-file unreadable', inputs: { ...OIDC, 'web-identity-token-file': '/nonexistent/token' }, expect: "Input 'web-identity-token-file': cannot read /nonexistent/token (ENOENT)" },
  { title: 'web-identity-token-file empty', inputs: OIDC, expect: "Input 'web-identity-token-file': /dev/null is empty" },
  { title: "no id-token: the job lacks 'permissions: id-token: write'", inputs: { 'aws-region': 'us-east-1', 'role-to-assume': OIDC['role-to-assume'] }, expect: "IdTokenUnavailable: ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set. Give the job 'permissions: id-token: write'" },
  { title: 'AWS_ENDPOINT_URL_STS is not a URL', inputs: { ...OIDC, 'web-identity-token-file': '/etc/hostname' }, env: { AWS_ENDPOINT_URL_STS: 'sts.local' }, expect: "Environment variable 'AWS_ENDPOINT_URL_STS': 'sts.local' is not a URL" },
  { title: 'profile name with spaces', inputs: { ...OIDC, profile: 'my profile' }, expect: "Input 'profile': 'my profile' is not a usable profile name" },
  { title: 'credentials delivered nowhere', inputs: { ...OIDC, 'output-env-credentials': 'false' }, expect: "Input 'output-env-credentials': is false and no other delivery is chosen" },
  { title: 'IoT mode without an endpoint', inputs: { 'aws-region': 'us-east-1', 'role-alias': 'ci', certificate: 'x', 'private-key': 'y' }, expect: "Input 'iot-credential-endpoint': is required. Find your account's endpoint with: aws iot describe-endpoint --endpoint-type iot:CredentialProvider" },
  { title: 'IoT endpoint is the data endpoint', inputs: { 'aws-region': 'us-east-1', 'iot-credential-endpoint': 'abc123-ats.iot.us-east-1.amazonaws.com', 'role-alias': 'ci', certificate: 'x', 'private-key': 'y' }, expect: 'This looks like the IoT data endpoint, not the credentials provider' },
  { title: 'IoT endpoint over plain http', inputs: { 'aws-region': 'us-east-1', 'iot-credential-endpoint': 'http://localhost:8443', 'role-alias': 'ci', certificate: 'x', 'private-key': 'y' }, expect: "'http://localhost:8443' is not https" },
  { title: 'IoT mode without role-alias', inputs: { 'aws-region': 'us-east-1', 'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com', certificate: 'x', 'private-key': 'y' }, expect: "Input 'role-alias': is required" },
  { title: 'IoT role-alias given as an ARN', inputs: { 'aws-region': 'us-east-1', 'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com', 'role-alias': 'arn:aws:iot:us-east-1:123456789012:rolealias/ci', certificate: 'x', 'private-key': 'y' }, expect: 'is not a role alias name' },
  { title: 'IoT mode with role-duration-seconds', inputs: { 'aws-region': 'us-east-1', 'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com', 'role-alias': 'ci', certificate: 'x', 'private-key': 'y', 'role-duration-seconds': '3600' }, expect: "Input 'role-duration-seconds': does not apply in iot-certificate mode" },
  { title: 'IoT mode without a certificate', inputs: { 'aws-region': 'us-east-1', 'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com', 'role-alias': 'ci', 'private-key': 'y' }, expect: "Input 'certificate': is required" },
  { title: 'Roles Anywhere trust anchor ARN malformed', inputs: { 'aws-region': 'us-east-1', 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/x', 'profile-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/y', 'role-to-assume': OIDC['role-to-assume'], certificate: 'x' }, expect: "Input 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/x' is not a trust-anchor ARN" },
  { title: 'Roles Anywhere trust anchor and profile in different regions', inputs: { 'aws-region': 'us-east-1', 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x', 'profile-arn': 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/y', 'role-to-assume': OIDC['role-to-assume'], certificate: 'x' }, expect: "Input 'profile-arn': is in region eu-west-1 but trust-anchor-arn is in us-east-1" },
  { title: 'Roles Anywhere without profile-arn', inputs: { 'aws-region': 'us-east-1', 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x', 'role-to-assume': OIDC['role-to-assume'], certificate: 'x' }, expect: "Input 'profile-arn': is required" },
];

export { RUNNER };
