import { MAX_UPLOAD_BYTES } from './limits.js';
import type { Flavor } from './types.js';

/** Options of the built-in server. Every field is optional; `undefined` means the default. */
export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /**
   * Where files and jobs live. Default: a fresh temporary directory, removed on close. With a
   * directory given, files and jobs survive a restart.
   */
  dataDir?: string;
  /** When set, every request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Simulated-time factor: the 24 h window lasts 86400/speed seconds. Default 1. */
  speed?: number;
  /** Share (0..1) of requests answered with an injected 500, 503 or 429. Default 0. */
  faultRate?: number;
  /** Seed of the fault-injection PRNG, for repeatable runs. Default 1. */
  faultSeed?: number;
  /** Delay added before every response, in ms. Default 0. */
  latencyMs?: number;
  /**
   * How the server behaves. Default `fizz`, as fizz.ai does: numeric-string timestamps, the
   * guide's list fields, several models per file, windows other than 24h. `openai` keeps
   * OpenAI's strict rules and integer timestamps.
   */
  flavor?: Flavor;
  /** Seed sample files and batches in every status. */
  demoData?: boolean;
  /** Simulated requests per second per batch (before `speed`). Default 2. */
  requestsPerSecond?: number;
  /** Share (0..1) of batch requests that fail with a 500 in the error file. Default 0.02. */
  failRate?: number;
  /** Upload cap; larger uploads get a 413. Default 512 MB, as OpenAI. */
  maxUploadBytes?: number;
  /** One JSON request body (batch creation, completions); larger gets a 413. Default 32 MB. */
  maxJsonBodyBytes?: number;
  /**
   * JSON bodies held in memory at once, across all requests; a body that would pass it gets a 503
   * with `retry-after`. Default 64 MB.
   */
  maxBufferedJsonBytes?: number;
  /** How long a client may take; see `ConnectionTimeouts`. Tests shorten them. */
  timeouts?: Partial<ConnectionTimeouts>;
  /** Requests per batch input file; more fails validation with too_many_tasks. Default 50,000. */
  maxRequestsPerBatch?: number;
  /** The clock, in ms since the epoch (tests inject one). Default Date.now. */
  now?: () => number;
  /** One line per request and per problem; never contains a key. Default: silent. */
  log?: (line: string) => void;
}

/**
 * Bounds on how long a connection may hold the server, so a client that sends nothing, stalls, or
 * trickles a body is cut off (with a 408 when an answer can still be sent).
 */
export interface ConnectionTimeouts {
  /** From connecting to the end of the request headers. Default 30 s. */
  headersMs: number;
  /** No byte either way while a request is being read or answered. Default 60 s plus `latencyMs`. */
  idleMs: number;
  /**
   * From connecting to the last byte of the request body. Default 30 minutes: a 512 MB upload
   * at 300 KB/s still arrives; a body trickled a byte at a time does not hold a connection longer.
   */
  requestMs: number;
}

/** fizz-batch is the fizz.ai console, so its server behaves as fizz.ai does unless told otherwise. */
export const DEFAULT_FLAVOR: Flavor = 'fizz';

export type ResolvedOptions = Required<Omit<ServerOptions, 'dataDir' | 'apiKey' | 'timeouts'>> & {
  dataDir: string | undefined;
  apiKey: string | undefined;
  timeouts: ConnectionTimeouts;
};

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const rate = (value: number | undefined, fallback: number, name: string): number => {
    const v = value ?? fallback;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1; got ${v}`);
    return v;
  };
  const positive = (value: number | undefined, fallback: number, name: string): number => {
    const v = value ?? fallback;
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number; got ${v}`);
    return v;
  };
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const requestMs = positive(options.timeouts?.requestMs, 30 * 60_000, 'timeouts.requestMs');
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir,
    apiKey: options.apiKey || undefined,
    speed: positive(options.speed, 1, 'speed'),
    faultRate: rate(options.faultRate, 0, 'faultRate'),
    faultSeed: options.faultSeed ?? 1,
    latencyMs,
    flavor: options.flavor ?? DEFAULT_FLAVOR,
    demoData: options.demoData ?? false,
    requestsPerSecond: positive(options.requestsPerSecond, 2, 'requestsPerSecond'),
    failRate: rate(options.failRate, 0.02, 'failRate'),
    maxUploadBytes: positive(options.maxUploadBytes, MAX_UPLOAD_BYTES, 'maxUploadBytes'),
    maxJsonBodyBytes: positive(options.maxJsonBodyBytes, 32 * 1024 * 1024, 'maxJsonBodyBytes'),
    maxBufferedJsonBytes: positive(options.maxBufferedJsonBytes, 64 * 1024 * 1024, 'maxBufferedJsonBytes'),
    timeouts: {
      // Node refuses a headers timeout longer than the request timeout.
      headersMs: Math.min(requestMs, positive(options.timeouts?.headersMs, 30_000, 'timeouts.headersMs')),
      idleMs: positive(options.timeouts?.idleMs, 60_000 + latencyMs, 'timeouts.idleMs'),
      requestMs,
    },
    maxRequestsPerBatch: positive(options.maxRequestsPerBatch, 50_000, 'maxRequestsPerBatch'),
    now: options.now ?? Date.now,
    log: options.log ?? (() => undefined),
  };
}
