/** Parsing of the ARNs the inputs carry. Pure. */
import { InputError } from '../errors.js';
import { REGION } from './values.js';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export function parseArn(value: string, input: string, example: string): Arn {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw new InputError(input, `'${value}' is not an ARN`, `Use the full ARN, e.g. ${example}`);
  }
  const [, partition = '', service = '', region = '', account = '', ...rest] = parts;
  if (!PARTITIONS.includes(partition)) {
    throw new InputError(
      input,
      `'${value}' has an unknown partition '${partition}'`,
      `Use one of ${PARTITIONS.join(', ')}, e.g. ${example}`,
    );
  }
  return { partition, service, region, account, resource: rest.join(':') };
}

/**
 * An IAM role ARN, `arn:<partition>:iam::<12-digit account>:role/<optional path/>name`. A bare name gets the ARN form.
 */
export function parseRoleArn(value: string, input: string): Arn & { roleName: string } {
  const example = 'arn:aws:iam::123456789012:role/my-role';
  if (!value.startsWith('arn:')) {
    const name = value.replace(/^role\//, '');
    throw new InputError(
      input,
      `'${value}' is a role name, not a role ARN`,
      `Use the role's ARN: arn:aws:iam::<account-id>:role/${name || '<role-name>'}`,
    );
  }
  const arn = parseArn(value, input, example);
  if (arn.service !== 'iam') {
    throw new InputError(
      input,
      `'${value}' is an ARN of service '${arn.service}', not an IAM role`,
      `Use an IAM role ARN, e.g. ${example}`,
    );
  }
  if (arn.region !== '') {
    throw new InputError(
      input,
      `'${value}' has a region, but IAM ARNs have none`,
      `Remove the region: arn:${arn.partition}:iam::${arn.account}:${arn.resource}`,
    );
  }
  checkAccount(arn.account, value, input, example);
  const match = /^role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(arn.resource);
  if (!match?.[1]) {
    throw new InputError(
      input,
      `'${value}' does not name a role (its resource must be role/<name>)`,
      `Use an IAM role ARN, e.g. ${example}`,
    );
  }
  return { ...arn, roleName: match[1] };
}

/** A managed policy ARN for `managed-session-policies`. */
export function parsePolicyArn(value: string, input: string): Arn {
  const example = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
  const arn = parseArn(value, input, example);
  if (arn.service !== 'iam' || !arn.resource.startsWith('policy/')) {
    throw new InputError(input, `'${value}' is not an IAM policy ARN`, `Use one policy ARN per line, e.g. ${example}`);
  }
  if (arn.account !== 'aws') checkAccount(arn.account, value, input, example);
  return arn;
}

/** An ARN of a given service and resource type with a region, e.g. a Roles Anywhere trust anchor. */
export function parseRegionalArn(
  value: string,
  input: string,
  service: string,
  resourceType: string,
  example: string,
): Arn & { id: string } {
  const arn = parseArn(value, input, example);
  if (arn.service !== service) {
    throw new InputError(
      input,
      `'${value}' is an ARN of service '${arn.service}', not '${service}'`,
      `Use an ARN like ${example}`,
    );
  }
  if (!REGION.test(arn.region)) {
    throw new InputError(input, `'${value}' has no valid region`, `Use an ARN like ${example}`);
  }
  checkAccount(arn.account, value, input, example);
  const prefix = `${resourceType}/`;
  const id = arn.resource.startsWith(prefix) ? arn.resource.slice(prefix.length) : '';
  if (!/^[\w-]{1,64}$/.test(id)) {
    throw new InputError(input, `'${value}' is not a ${resourceType} ARN`, `Use an ARN like ${example}`);
  }
  return { ...arn, id };
}

function checkAccount(account: string, value: string, input: string, example: string): void {
  if (!/^\d{12}$/.test(account)) {
    throw new InputError(
      input,
      `'${value}' has account '${account}', which is not 12 digits`,
      `Use an ARN like ${example}`,
    );
  }
}

/** The account id of an STS assumed-role ARN (`arn:aws:sts::123456789012:assumed-role/role/session`), or ''. */
export function accountOfArn(arn: string): string {
  const account = arn.split(':')[4] ?? '';
  return /^\d{12}$/.test(account) ? account : '';
}
