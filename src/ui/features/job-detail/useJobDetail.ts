import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Batch } from '../../../api/index.js';
import { JobDetailService, type JobDetailState } from '../../../core/jobs/job-detail.js';
import { useApp, useServices } from '../../state/services-context.js';

export interface JobDetail {
  state: JobDetailState;
  /** Null until the service exists (the first render) or while there is no connection. */
  service: JobDetailService | null;
}

/**
 * The live state of one job. A JobDetailService is made for the current connection's client,
 * started on mount and disposed on unmount (or when the connection changes): one poller per job
 * on screen, none left behind. Every fresh copy goes into the job list, so both screens agree;
 * a watched job reaching a terminal status rings the bell and sends an OSC 9 notification.
 */
export function useJobDetail(id: string, initial?: Batch, intervalMs?: number): JobDetail {
  const services = useServices();
  const { notifier } = useApp();
  const [service, setService] = useState<JobDetailService | null>(null);

  // Read through refs, so a new notifier or list never restarts the poller.
  const listRef = useRef(services?.jobs);
  listRef.current = services?.jobs;
  const notifierRef = useRef(notifier);
  notifierRef.current = notifier;
  const initialRef = useRef(initial);

  const client = services?.client;
  const pollClient = services?.pollClient;
  useEffect(() => {
    if (!client) return undefined;
    const created = new JobDetailService({
      client,
      ...(pollClient ? { pollClient } : {}),
      id,
      ...(initialRef.current ? { initial: initialRef.current } : {}),
      ...(intervalMs ? { intervalMs } : {}),
      haltOnRefusedKey: true,
      onUpdate: (job) => listRef.current?.upsert(job),
      onFinished: (job) => notifierRef.current.notify(finishedMessage(job)),
    });
    setService(created);
    created.start();
    return () => {
      created.dispose();
      setService((current) => (current === created ? null : current));
    };
  }, [client, pollClient, id, intervalMs]);

  // Before the service exists, the screen paints what the list already knew.
  const placeholder = useMemo(() => placeholderState(initial), [initial]);
  const subscribe = service ? service.subscribe : noSubscribe;
  const read = service ? service.getState : () => placeholder;
  const state = useSyncExternalStore(subscribe, read, read);
  return { state, service };
}

/** "fizz-batch: batch Nightly sentiment completed — 598/600 done, 2 failed" */
export function finishedMessage(job: Batch): string {
  const name = job.metadata['description'] || job.id;
  const { completed, total, failed } = job.requestCounts;
  return `fizz-batch: batch ${name} ${job.status} — ${completed}/${total} done, ${failed} failed`;
}

const noSubscribe = () => () => {};

function placeholderState(initial: Batch | undefined): JobDetailState {
  return {
    job: initial ?? null,
    poll: {
      data: undefined,
      error: null,
      updatedAt: null,
      nextAt: null,
      inFlight: true,
      paused: false,
      finished: false,
      consecutiveErrors: 0,
      halted: false,
    },
    throughput: null,
    statusSeenAtMs: null,
    cancel: { inFlight: false, error: null },
  };
}
