import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A proxy in front of a Batch API server that loses answers at the worst moment, for what the
 * built-in server's random faults cannot stage:
 *   - `pass`: forwarded as it is;
 *   - `lose-answer`: forwarded, the server acts on it (a batch is created), then the connection
 *     is cut before a byte of the answer reaches the client;
 *   - `fail`: not forwarded; answered with a 503.
 *
 *   node test/support/fault-proxy.ts http://127.0.0.1:43117 47812 lose-create fail-list
 *     (then fizz-batch --base-url http://127.0.0.1:47812/v1)
 */
export type FaultAction = 'pass' | 'lose-answer' | 'fail';

export interface ProxiedRequest {
  method: string;
  /** The path without the query, e.g. `/v1/batches`. */
  path: string;
  action: FaultAction;
}

export interface FaultProxy {
  /** Base URL with /v1. */
  url: string;
  requests: ProxiedRequest[];
  /** Decides per request; may be replaced at any time. */
  rule: (method: string, path: string) => FaultAction;
  close: () => Promise<void>;
}

export async function startFaultProxy(upstream: string, port = 0): Promise<FaultProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = { url: '', requests: [], rule: () => 'pass', close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const action = proxy.rule(method, path);
    proxy.requests.push({ method, path, action });
    if (action === 'fail') {
      const body = JSON.stringify({
        error: {
          message: 'The proxy is failing this request (injected).',
          type: 'server_error',
          param: null,
          code: null,
        },
      });
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      return;
    }
    void forward(req, target, (status, headers, body) => {
      if (action === 'lose-answer') {
        req.socket.destroy();
        return;
      }
      res.writeHead(status, headers);
      res.end(body);
    }).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

/** Sends the request on to the server and hands over its whole answer once it has arrived. */
async function forward(
  req: IncomingMessage,
  target: URL,
  answer: (status: number, headers: Record<string, string | string[]>, body: Buffer) => void,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  await new Promise<void>((resolve, reject) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => {
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined && name !== 'transfer-encoding') out[name] = value;
          const whole = Buffer.concat(parts);
          out['content-length'] = String(whole.length);
          answer(res.statusCode ?? 502, out, whole);
          resolve();
        });
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [upstream, port, ...faults] = process.argv.slice(2);
  if (!upstream) throw new Error('usage: fault-proxy.ts UPSTREAM_ORIGIN [PORT] [lose-create] [fail-list]');
  const proxy = await startFaultProxy(upstream, Number(port ?? 0));
  let createsLost = 0;
  proxy.rule = (method, path) => {
    if (method === 'POST' && path === '/v1/batches' && faults.includes('lose-create') && createsLost++ === 0)
      return 'lose-answer';
    if (method === 'GET' && path === '/v1/batches' && faults.includes('fail-list')) return 'fail';
    return 'pass';
  };
  console.log(`fault proxy on ${proxy.url} → ${upstream}`);
}
