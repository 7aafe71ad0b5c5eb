/** The step summary: what was obtained, for whom, until when. Nothing secret. Pure. */
import { ACCESS_KEY_ID, REGION } from '../config/values.js';
import { ACCESS_KEY_ID_WITHHELD } from './advice.js';

export interface SummaryFacts {
  mode: string;
  roleArn?: string;
  sessionName: string;
  expiration?: Date;
  delivered: string[];
  /** Endpoints other than AWS's the credentials are for (MinIO's S3). */
  endpoints?: string[];
  /** `source-identity` was given: the source identity sent, and where CloudTrail finds the session's calls. */
  cloudTrail?: CloudTrailFacts;
}

export interface CloudTrailFacts {
  /** What was sent as SourceIdentity; absent when no sts:AssumeRole hop carried one. */
  sourceIdentity?: string;
  /** The delivered access key id (an identifier, not a secret); absent when mask-aws-account-id withholds it. */
  accessKeyId?: string;
  region: string;
}

export function summaryMarkdown(facts: SummaryFacts): string {
  const trail = facts.cloudTrail;
  // Only AWS's shapes reach the lookup command: the key id came from the network.
  const keyId = trail?.accessKeyId && ACCESS_KEY_ID.test(trail.accessKeyId) ? trail.accessKeyId : undefined;
  const rows: Array<[string, string]> = [
    ['Mode', facts.mode],
    ['Role', facts.roleArn ?? '(not reported by the source)'],
    ['Session name', facts.sessionName],
    ['Expires', facts.expiration ? facts.expiration.toISOString() : '(unknown)'],
    ['Delivered to', facts.delivered.join(', ')],
    ...(facts.endpoints?.length ? [['Endpoints', facts.endpoints.join(', ')] as [string, string]] : []),
    ...(trail ? cloudTrailRows(trail, keyId) : []),
  ];
  return [
    '### AWS short-lived credentials',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`),
    '',
    ...(trail && keyId && REGION.test(trail.region) ? lookupBlock(keyId, trail.region) : []),
  ].join('\n');
}

function cloudTrailRows(trail: CloudTrailFacts, keyId: string | undefined): Array<[string, string]> {
  return [
    ['Source identity', trail.sourceIdentity ?? '(none: no sts:AssumeRole hop carried one)'],
    ['Access key id', keyId ?? ACCESS_KEY_ID_WITHHELD],
  ];
}

/** The CloudTrail query for the session's calls in its region, ready to paste. */
function lookupBlock(keyId: string, region: string): string[] {
  return [
    'CloudTrail events of these credentials:',
    '',
    '```sh',
    `aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=${keyId} --region ${region}`,
    '```',
    '',
  ];
}

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
