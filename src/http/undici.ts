/**
 * The parts of undici this project sends through: Agent, ProxyAgent and the `request` API on every dispatcher. The
 * package's index also evaluates fetch, WebSocket, EventSource, the cache and the mocks, which nothing here uses and
 * which cost the action's entry about 20 ms before its early id-token request can leave. Same package, same modules,
 * one HTTP stack: only the parts that are never called are left unloaded.
 */
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';

// What undici's index does on load: the request API (and `connect`, which ProxyAgent's CONNECT tunnel calls) as
// methods of every dispatcher.
Object.assign(Dispatcher.prototype, api);

export { default as Agent } from 'undici/lib/dispatcher/agent.js';
export { default as ProxyAgent } from 'undici/lib/dispatcher/proxy-agent.js';
