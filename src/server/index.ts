import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from './demo/seed.js';
import { createRequestListener } from './http/app.js';
import { makeAuthCheck } from './http/auth.js';
import { JsonBodyReader } from './http/body.js';
import { answerClientErrors } from './http/client-errors.js';
import { FaultInjector } from './http/faults.js';
import { Router } from './http/router.js';
import { resolveOptions, type ServerOptions } from './options.js';
import { registerBatchRoutes } from './routes/batches.js';
import type { RouteContext } from './routes/context.js';
import { registerFileRoutes } from './routes/files.js';
import { registerInferenceRoutes } from './routes/inference.js';
import { registerModelRoutes } from './routes/models.js';
import { Engine } from './sim/engine.js';
import { Store } from './store/store.js';

/**
 * The built-in OpenAI-compatible Batch API server: files, batches, models and synchronous
 * completions over plain HTTP, with a simulated clock, deterministic answers and fault injection.
 */

export type { ServerOptions } from './options.js';
export { MODELS, type ModelInfo } from './catalogue.js';
export type { Flavor, BatchStatus } from './types.js';
export type { Engine } from './sim/engine.js';
export type { Store } from './store/store.js';

export interface RunningServer {
  /** Base URL, ending in `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  port: number;
  host: string;
  /** The data directory in use (a temporary one unless `dataDir` was given). */
  dataDir: string;
  /** The lifecycle engine; tests call `engine.advance()` to settle after moving an injected clock. */
  engine: Engine;
  store: Store;
  /** Stops listening, finishes pending work, saves state; removes a temporary data directory. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const opts = resolveOptions(options);
  const temporary = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'fizz-batch-server-')));

  const store = await Store.open(dataDir, opts.log);
  const engine = new Engine({
    store,
    now: opts.now,
    flavor: opts.flavor,
    speed: opts.speed,
    requestsPerSecond: opts.requestsPerSecond,
    failRate: opts.failRate,
    maxRequestsPerBatch: opts.maxRequestsPerBatch,
    log: opts.log,
  });
  if (opts.demoData) await seedDemoData({ store, engine, now: opts.now, speed: opts.speed });
  engine.start();

  const ctx: RouteContext = {
    store,
    engine,
    flavor: opts.flavor,
    now: opts.now,
    maxUploadBytes: opts.maxUploadBytes,
    jsonBodies: new JsonBodyReader(opts.maxJsonBodyBytes, opts.maxBufferedJsonBytes),
  };
  const router = new Router();
  registerFileRoutes(router, ctx);
  registerBatchRoutes(router, ctx);
  registerModelRoutes(router);
  registerInferenceRoutes(router, ctx);

  const { headersMs, idleMs, requestMs } = opts.timeouts;
  const server = createServer(
    {
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      // How often Node looks for connections past those two; finer for the short ones of tests.
      connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.round(headersMs / 10))),
    },
    createRequestListener({
      router,
      checkAuth: makeAuthCheck(opts.apiKey),
      faults: new FaultInjector(opts.faultRate, opts.faultSeed),
      latencyMs: opts.latencyMs,
      log: opts.log,
    }),
  );
  server.timeout = idleMs;
  // `Expect: 100-continue` requests go to the routes unanswered: a body refused from its declared
  // length is never sent (the body readers send the 100 when they mean to read).
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => server.emit('request', req, res));
  answerClientErrors(server, opts.log);
  try {
    await listen(server, opts.port, opts.host);
  } catch (error) {
    await engine.close();
    await store.flush();
    if (temporary) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}/v1`,
    port,
    host: opts.host,
    dataDir,
    engine,
    store,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await engine.close();
        await store.flush();
        if (temporary) await rm(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
