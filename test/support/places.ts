import { StateStore } from '../../src/config/index.js';
import { Places } from '../../src/core/places.js';

/**
 * Places in memory (nothing written to the user's state directory) whose save proposal is `dir`,
 * as if the last save had gone there.
 */
export function placesIn(dir: string): Places {
  const store = StateStore.inMemory();
  store.remember('test', { saveDir: dir });
  return new Places({ store, key: 'test', home: dir, appCheckout: null });
}
