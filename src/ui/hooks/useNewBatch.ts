import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BatchClient } from '../../api/index.js';
import { NewBatchService, type NewBatchState, type PreparedOptions } from '../../core/new-batch.js';
import type { Services } from '../../core/session.js';
import { useServices } from '../services/context.js';
import { useNavigation } from '../state/nav-context.js';

/**
 * The flow outlives its screen: help, models or files pushed over the picker unmount it, and the
 * user expects to come back to the same directory, report or form. One flow per connection; it is
 * disposed only when the user leaves it (back from the picker) or it ends (the batch exists).
 */
const flows = new WeakMap<BatchClient, NewBatchService>();

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
  const service = useMemo(() => (services ? flowFor(services, optionsRef.current) : null), [services]);
  const subscribe = service ? service.subscribe : noSubscribe;
  const read = service ? service.getState : noState;
  const state = useSyncExternalStore(subscribe, read, read);

  const end = useCallback(() => {
    if (!service || !services) return;
    if (flows.get(services.client) === service) flows.delete(services.client);
    service.dispose();
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

/**
 * Starts the flow on a file made for it (R: a job's failed requests), with the form prefilled; the
 * 'new' route then shows it. Refused (false) while a new batch of the same connection is being
 * uploaded or created; an unfinished flow that is not (a picker, a report) gives way to this one.
 */
export function startPreparedBatch(services: Services, path: string, prepared: PreparedOptions): boolean {
  const existing = flows.get(services.client);
  if (existing) {
    const step = existing.getState().step.name;
    if (step === 'uploading' || step === 'uploaded' || step === 'cancelling' || step === 'creating') return false;
    flows.delete(services.client);
    existing.dispose();
  }
  void flowFor(services, {}).startWithFile(path, prepared);
  return true;
}

function flowFor(services: Services, options: NewBatchHookOptions): NewBatchService {
  const existing = flows.get(services.client);
  if (existing) return existing;
  const profile = services.connection.profile;
  const service = new NewBatchService({
    client: services.client,
    cwd: options.cwd ?? process.cwd(),
    // The picker starts where it was last used on this profile, and remembers where it goes.
    startDir: services.places.pickerDir,
    onDirectory: (dir) => services.places.rememberPickerDir(dir),
    ...(profile?.completionWindows ? { completionWindows: profile.completionWindows } : {}),
    ...(profile?.maxRequests ? { maxRequests: profile.maxRequests } : {}),
    ...(profile?.maxFileBytes ? { maxBytes: profile.maxFileBytes } : {}),
    modelsPerFile: services.modelsPerFile,
    models: services.models,
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
    // The list shows the new job at once, before its next refresh.
    onCreated: (batch) => services.jobs.upsert(batch),
  });
  flows.set(services.client, service);
  void service.start();
  return service;
}

const noSubscribe = () => () => {};
const noState = (): NewBatchState | null => null;
