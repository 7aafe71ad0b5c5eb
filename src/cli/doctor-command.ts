/**
 * `doctor --role-to-assume <arn>`: why would STS refuse this token for this role? The token comes the way
 * credential-process takes it (a file, a variable, a login, the runner); only its payload is read. The role's trust
 * policy and the issuer's OIDC provider are read with the standard chain's credentials (read-only calls), and the
 * report says which statement and condition fail and what to change. Exit 0 when the trust admits the token, 1 when
 * it does not or cannot tell.
 */
import { parseRoleArn } from '../config/arn.js';
import { InputError } from '../errors.js';
import { createClients } from '../bootstrap/discover.js';
import { oidcProviderArn } from '../bootstrap/policies.js';
import { idTokenSource } from '../providers/id-token.js';
import { contextFor } from '../providers/exchange.js';
import { tokenPayload, trustClaims } from '../providers/token-claims.js';
import { NO_OIDC_TOKEN, NOT_A_JWT } from '../diagnose/advice.js';
import { readProvider, readTrustPolicy } from '../diagnose/doctor.js';
import { doctorReport } from '../diagnose/doctor-report.js';
import { webIdentityContext } from '../diagnose/trust-evaluation.js';
import { UsageError, type ParsedArgs } from './args.js';
import { cliHooks, loadSettings, withLoginIdToken, type CliIo } from './load-settings.js';

export async function doctorCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  if (args.rest.length) throw new UsageError(`doctor takes no arguments, not '${args.rest[0]}'`);
  const settings = await loadSettings(args, io, known);
  const config = withLoginIdToken(settings, io);
  const source = config.source;
  if (source.mode !== 'oidc')
    throw new InputError('role-to-assume', 'is needed with a web-identity token', NO_OIDC_TOKEN);
  const token = await idTokenSource(source, contextFor(config, cliHooks(settings.get, io)))();
  const input = source.tokenFile
    ? 'web-identity-token-file'
    : source.tokenEnv
      ? 'web-identity-token-env'
      : source.idToken !== undefined
        ? 'issuer'
        : 'ACTIONS_ID_TOKEN_REQUEST_URL';
  const payload = tokenPayload(token);
  const claims = trustClaims(token);
  const context = payload && webIdentityContext(payload);
  if (!payload || !claims || !context) throw new InputError(input, 'holds no JWT payload with an iss claim', NOT_A_JWT);
  const role = parseRoleArn(source.roleArn, 'role-to-assume');
  const providerArn = oidcProviderArn(role.partition, role.account, context.issuer);
  const { iam } = createClients(config.region, config.retry.maxAttempts);
  try {
    const [trust, provider] = await Promise.all([readTrustPolicy(iam, role.roleName), readProvider(iam, providerArn)]);
    const report = doctorReport({
      roleArn: source.roleArn,
      providerArn,
      payload,
      claims,
      context,
      trust,
      provider,
      now: new Date(),
    });
    io.stdout(report.lines.join('\n') + '\n');
    return report.verdict === 'match' ? 0 : 1;
  } finally {
    iam.destroy();
  }
}
