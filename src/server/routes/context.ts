import type { JsonBodyReader } from '../http/body.js';
import type { Engine } from '../sim/engine.js';
import type { Store } from '../store/store.js';
import type { Flavor } from '../types.js';

/** What the route handlers share. */
export interface RouteContext {
  store: Store;
  engine: Engine;
  flavor: Flavor;
  now: () => number;
  maxUploadBytes: number;
  /** Reads JSON bodies within the per-body and all-bodies bounds. */
  jsonBodies: JsonBodyReader;
}

/**
 * How long a read waits for a just-finished validation or result file to land before answering,
 * so a client polling a fast batch sees it move without waiting for the next tick.
 */
export const READ_SETTLE_MS = 150;
