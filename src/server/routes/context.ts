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
}

/**
 * How long a read waits for a just-finished validation or result file to land before answering,
 * so a client polling a fast batch sees it move without waiting for the next tick.
 */
export const READ_SETTLE_MS = 150;
