/** The step summary: what was obtained, for whom, until when. Nothing secret. Pure. */

export interface SummaryFacts {
  mode: string;
  roleArn?: string;
  sessionName: string;
  expiration?: Date;
  delivered: string[];
  /** Endpoints other than AWS's the credentials are for (MinIO's S3). */
  endpoints?: string[];
}

export function summaryMarkdown(facts: SummaryFacts): string {
  const rows: Array<[string, string]> = [
    ['Mode', facts.mode],
    ['Role', facts.roleArn ?? '(not reported by the source)'],
    ['Session name', facts.sessionName],
    ['Expires', facts.expiration ? facts.expiration.toISOString() : '(unknown)'],
    ['Delivered to', facts.delivered.join(', ')],
    ...(facts.endpoints?.length ? [['Endpoints', facts.endpoints.join(', ')] as [string, string]] : []),
  ];
  return [
    '### AWS short-lived credentials',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`),
    '',
  ].join('\n');
}

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
