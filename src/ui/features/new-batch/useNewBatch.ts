import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { NewBatchService } from '../../../core/new-batch/service.js';
import type { NewBatchState } from '../../../core/new-batch/state.js';
import { useServices } from '../../state/services-context.js';
import { useNavigation } from '../../state/nav-context.js';

export interface NewBatchView {
  state: NewBatchState;
  service: NewBatchService;
  /** Back from the picker: the flow ends and the job list shows again. */
  leave: () => void;
}

export interface NewBatchHookOptions {
  /** Where the picker starts when it was not used before on this profile; default the current directory. */
  cwd?: string;
  /** How often progress repaints at most (the service's default: 100 ms). */
  progressIntervalMs?: number;
}

/**
 * The new-batch flow of the current connection, and the way out of it. When the batch exists the
 * screen is replaced by the job's live detail (the list already has it: the service's onCreated).
 */
export function useNewBatch(options: NewBatchHookOptions = {}): NewBatchView | null {
  const services = useServices();
  const nav = useNavigation();
  const optionsRef = useRef(options);
  // The connection's flow (core/new-batch-flow.ts): covered by help or files, it waits for this screen.
  const service = useMemo(() => (services ? services.newBatch.current(optionsRef.current) : null), [services]);
  const subscribe = service ? service.subscribe : noSubscribe;
  const read = service ? service.getState : noState;
  const state = useSyncExternalStore(subscribe, read, read);

  const end = useCallback(() => {
    if (!service || !services) return;
    services.newBatch.end(service);
  }, [service, services]);

  const leave = useCallback(() => {
    end();
    nav.back();
  }, [end, nav]);

  const done = state?.step.name === 'done' ? state.step.batch : null;
  useEffect(() => {
    if (!done) return;
    end();
    // Replace the new-batch screen by the job: back from the detail is the job list.
    nav.back();
    nav.push({ name: 'detail', id: done.id, initial: done });
  }, [done, end, nav]);

  if (!service || !state) return null;
  return { state, service, leave };
}

const noSubscribe = () => () => {};
const noState = (): NewBatchState | null => null;
