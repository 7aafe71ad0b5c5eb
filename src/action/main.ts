/**
 * Entry of the action's main step (dist/main/index.js). A step that plainly gets its id-token from the runner sends
 * that request first and loads the rest (@actions/core, the config, the exchange) during its round trip.
 */
import { actionInputs } from '../config/environment-inputs.js';
import { resolveMode } from '../config/mode.js';
import { proxyFor } from '../config/proxy.js';
import type { Env } from '../config/sources/inputs.js';
import { oidcSource } from '../config/sources/oidc.js';
import { sendEarly, type EarlyRequest } from '../http/early.js';
import { runnerTokenRequest } from '../providers/id-token.js';

/** The default per-attempt timeout (retry.ts): a hung early request is given up as a first attempt would be. */
const EARLY_TIMEOUT_MS = 15000;

/** The runner's id-token request, sent now when the inputs plainly ask for one; undefined when anything is unclear. */
function earlyIdToken(env: Env): EarlyRequest | undefined {
  // The inputs exactly as the main step will read them, the job variables that stand for inputs included.
  const get = actionInputs(env);
  // no-proxy is merged into NO_PROXY when the exchange starts: not worth copying here.
  if (!env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] || !get('role-to-assume') || get('no-proxy')) return undefined;
  if (get('certificate') || get('private-key')) return undefined;
  try {
    if (resolveMode(get, /^true$/i.test(get('role-chaining'))) !== 'oidc') return undefined;
    // The audience exactly as the config will have it.
    const source = oidcSource.build(get, env, '');
    if (!source.runnerRequest) return undefined;
    const request = runnerTokenRequest(source.runnerRequest.url, source.runnerRequest.bearer, source.audience);
    const proxy = proxyFor(new URL(request.url), env, get('http-proxy'));
    return sendEarly({ ...request, proxy, timeoutMs: EARLY_TIMEOUT_MS });
  } catch {
    // A bad input or URL is reported by the normal path, with its message.
    return undefined;
  }
}

/** How long loading waits for the early request to leave: a remote handshake needs the event loop a few turns. */
const SEND_WAIT_MS = 25;

const early = earlyIdToken(process.env);
// Loading blocks the event loop, so it starts once the request is on the wire (connect, handshake, write).
void (early ? early.sent(SEND_WAIT_MS) : Promise.resolve()).then(() => {
  void Promise.all([import('./workflow-commands.js'), import('./failure.js'), import('./run-main.js')]).then(
    ([{ WorkflowCommands }, { failureMessage }, { runMain }]) => {
      const wf = new WorkflowCommands();
      runMain(wf, process.env, early).catch((err: unknown) => {
        wf.error(failureMessage(err));
        process.exitCode = 1;
      });
    },
  );
});
