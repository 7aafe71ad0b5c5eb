/**
 * An HTTP stand-in placed in front of a real peer (moto): it forwards requests unless a scripted fault is queued,
 * and records every request so tests can count exchanges and read the parameters that were sent.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; code: string; message?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'slow'; bytesPerSecond: number }
  /** The peer's real answer, its body changed by `edit` (a service answering with other values). */
  | { kind: 'rewrite'; edit: (body: string) => string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  params: URLSearchParams;
  fault?: Fault['kind'];
}

export interface FaultProxy {
  url: string;
  requests: RecordedRequest[];
  /** Faults applied to the next requests, in order; once used up, requests pass through. */
  queue(...faults: Fault[]): void;
  /** Drops faults not used yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

function stsErrorXml(code: string, message: string, type = 'Sender'): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const upstream = new URL(target);

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const fault = faults.shift();
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        params: new URLSearchParams(body),
      };
      if (fault) record.fault = fault.kind;
      requests.push(record);
      if (fault?.kind === 'status') {
        res.statusCode = fault.status;
        res.setHeader('content-type', 'text/xml');
        res.end(stsErrorXml(fault.code, fault.message ?? 'injected', fault.status >= 500 ? 'Receiver' : 'Sender'));
        return;
      }
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') return;
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          if (fault?.kind === 'rewrite') {
            const parts: Buffer[] = [];
            up.on('data', (c: Buffer) => parts.push(c));
            up.on('end', () => {
              const edited = Buffer.from(fault.edit(Buffer.concat(parts).toString('utf8')));
              res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(edited.length) });
              res.end(edited);
            });
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          if (fault?.kind !== 'slow') {
            up.pipe(res);
            return;
          }
          // Trickle the real answer out byte by byte.
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            const all = Buffer.concat(parts);
            let i = 0;
            const timer = setInterval(() => {
              if (res.destroyed || i >= all.length) {
                clearInterval(timer);
                res.end();
                return;
              }
              res.write(all.subarray(i, i + 1));
              i++;
            }, 1000 / fault.bytesPerSecond);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    queue: (...f) => faults.push(...f),
    clearFaults: () => faults.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
