/**
 * A request sent before its caller is ready (the action's id-token, while the rest of the step loads): its answer
 * stands in for the first identical request, so the round trip overlaps the loading and nothing is asked twice.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { httpRequest, type HttpRequest, type HttpResponse } from './request.js';

export interface EarlyRequest {
  request: HttpRequest;
  /** The answer, whatever its status; undefined when the request failed below HTTP (it is then sent again). */
  response: Promise<HttpResponse | undefined>;
  /** Settles once the request is on the wire (or answered, or failed), or after `maxWaitMs`, whichever comes first. */
  sent(maxWaitMs: number): Promise<void>;
}

/** undici's channel for "headers written to the socket" (the first request of the process is this one). */
const SENT_CHANNEL = 'undici:client:sendHeaders';

export function sendEarly(request: HttpRequest, send = httpRequest): EarlyRequest {
  let onSent = () => {};
  const wire = new Promise<void>((resolve) => (onSent = resolve));
  const listener = () => onSent();
  subscribe(SENT_CHANNEL, listener);
  const response = send(request).catch(() => undefined);
  void response.then(onSent);
  void wire.then(() => unsubscribe(SENT_CHANNEL, listener));
  return {
    request,
    response,
    sent: (maxWaitMs) => Promise.race([wire, new Promise<void>((resolve) => setTimeout(resolve, maxWaitMs).unref())]),
  };
}

/**
 * `send`, except that the first request identical to the early one (method, URL, headers, proxy) waits for its answer
 * and is handed it; one that failed below HTTP is sent as usual, so retries and messages are the ones without it.
 */
export function answeringFirst(
  early: EarlyRequest,
  send: (req: HttpRequest) => Promise<HttpResponse> = httpRequest,
): (req: HttpRequest) => Promise<HttpResponse> {
  let unused: EarlyRequest | undefined = early;
  return async (req) => {
    if (unused && sameRequest(unused.request, req)) {
      const { response } = unused;
      unused = undefined;
      const answer = await response;
      if (answer) return answer;
    }
    return send(req);
  };
}

function sameRequest(a: HttpRequest, b: HttpRequest): boolean {
  return (
    a.method === b.method &&
    a.url === b.url &&
    a.proxy?.href === b.proxy?.href &&
    a.body === undefined &&
    b.body === undefined &&
    !a.tls &&
    !b.tls &&
    JSON.stringify(a.headers ?? {}) === JSON.stringify(b.headers ?? {})
  );
}
