/** Every input the action declares in action.yml (a test keeps the two in step); the CLI accepts each as a flag. */
export const ACTION_INPUTS = [
  'aws-region', 'mode', 'role-to-assume', 'role-session-name', 'role-duration-seconds', 'audience', 'web-identity-token-file',
  'inline-session-policy', 'managed-session-policies', 'chain-role-arn', 'role-external-id', 'role-skip-session-tagging',
  'role-chaining', 'iot-credential-endpoint', 'role-alias', 'thing-name', 'certificate', 'certificate-chain', 'private-key',
  'private-key-passphrase', 'ca-certificate', 'trust-anchor-arn', 'profile-arn', 'minio-endpoint', 'output-env-credentials', 'output-credentials',
  'credentials-file', 'profile', 'mask-aws-account-id', 'retry-max-attempts', 'action-timeout-s', 'http-proxy',
] as const;
