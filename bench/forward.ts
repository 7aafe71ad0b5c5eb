/** Forwarding for the bench's loopback fronts: a request passed on to a plain-http peer, its answer passed back. */
import { request, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Opens the request to `upstream`; the caller writes the body into it (piped, or at once). */
export function forwardTo(upstream: URL, req: IncomingMessage, res: ServerResponse): ClientRequest {
  const forward = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  forward.on('error', () => res.destroy());
  return forward;
}
