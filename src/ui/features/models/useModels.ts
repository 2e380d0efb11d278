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
