/** The request the AWS IoT credentials provider answers: one role alias's credentials, for one thing. */
export function iotCredentialsRequest(
  endpoint: string,
  roleAlias: string,
  thingName: string | undefined,
): { url: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (thingName) headers['x-amzn-iot-thingname'] = thingName;
  return { url: `${endpoint}/role-aliases/${encodeURIComponent(roleAlias)}/credentials`, headers };
}
