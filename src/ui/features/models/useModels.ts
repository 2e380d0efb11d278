import { useEffect } from 'react';
import type { ModelsService, ModelsState } from '../../../core/models.js';
import { useObservable } from '../../kit/useObservable.js';

/** The provider's models, asked for once when the screen opens (the list rarely changes). */
export function useModels(models: ModelsService): ModelsState {
  useEffect(() => {
    void models.load();
  }, [models]);
  return useObservable(models);
}

/** Where the cursor goes for a list command, or null when the command is not a movement. */
export function moveCursor(command: string, index: number, count: number, page: number): number | null {
  const last = Math.max(0, count - 1);
  const clamp = (n: number) => Math.max(0, Math.min(last, n));
  switch (command) {
    case 'up':
      return clamp(index - 1);
    case 'down':
      return clamp(index + 1);
    case 'pageUp':
      return clamp(index - Math.max(1, page));
    case 'pageDown':
      return clamp(index + Math.max(1, page));
    case 'top':
      return 0;
    case 'bottom':
      return last;
    default:
      return null;
  }
}
