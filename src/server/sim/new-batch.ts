import { newBatchId } from '../ids.js';
import { ZERO_TOKENS, type BatchRecord, type Endpoint, type SimSettings } from '../types.js';

export interface NewBatch {
  inputFileId: string;
  endpoint: Endpoint;
  completionWindow: string;
  /** Length of the completion window in simulated seconds (divided by speed). */
  windowSeconds: number;
  metadata: Record<string, string> | null;
  outputExpiresAfter: number | null;
  /** Back-dated creation, for demo data. */
  createdMs?: number;
  /** A cancel that happens at this time (demo data); API cancels go through `cancel`. */
  cancelAtMs?: number;
  sim?: Partial<SimSettings>;
}

/** The server's simulation settings a batch starts with, unless it brings its own (demo data). */
export interface SimDefaults {
  speed: number;
  requestsPerSecond: number;
  failRate: number;
}

/** A just-created batch, validating, as the store keeps it (Engine.create starts its validation). */
export function newBatchRecord(input: NewBatch, defaults: SimDefaults, now: number): Omit<BatchRecord, 'seq'> {
  const created = input.createdMs ?? now;
  const sim: SimSettings = {
    speed: defaults.speed,
    requestsPerSecond: defaults.requestsPerSecond,
    failRate: defaults.failRate,
    validationSeconds: null,
    finalizingSeconds: null,
    cancellingSeconds: null,
    ...input.sim,
  };
  const windowSeconds = Math.max(1, Math.round(input.windowSeconds / sim.speed));
  return {
    id: newBatchId(),
    endpoint: input.endpoint,
    inputFileId: input.inputFileId,
    completionWindow: input.completionWindow,
    status: 'validating',
    metadata: input.metadata,
    outputExpiresAfter: input.outputExpiresAfter,
    outputFileId: null,
    errorFileId: null,
    errors: null,
    model: null,
    times: {
      created,
      expires: (Math.floor(created / 1000) + windowSeconds) * 1000,
      in_progress: null,
      finalizing: null,
      completed: null,
      failed: null,
      expired: null,
      cancelling: input.cancelAtMs ?? null,
      cancelled: null,
    },
    counts: { total: 0, completed: 0, failed: 0 },
    usage: { ...ZERO_TOKENS },
    sim,
    validation: null,
  };
}
