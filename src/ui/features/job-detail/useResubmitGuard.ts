import { useCallback, useEffect, useRef, useState } from 'react';
import type { Batch } from '../../../api/index.js';
import { findResubmission } from '../../../core/jobs/resubmissions.js';
import { useServices } from '../../state/services-context.js';

export type ResubmitGuardState =
  | { status: 'looking'; job: Batch }
  /** The job was resubmitted already: the user is asked before a second one is made. */
  | { status: 'asking'; job: Batch; previous: Batch };

export interface ResubmitGuard {
  state: ResubmitGuardState | null;
  /** R: resubmits at once when no earlier resubmit is found, else asks first. */
  check: (job: Batch) => void;
  /** y: resubmit again after all. */
  confirm: () => void;
  /** n/enter/esc: nothing is made. */
  close: () => void;
}

/**
 * `R` twice on a job makes two batches of the same requests, billed twice. Before resubmitting,
 * this looks for a job whose `metadata.resubmit_of` names this one (the loaded jobs, then a few
 * more pages of the list) and, when there is one, asks — No by default.
 */
export function useResubmitGuard(resubmit: (job: Batch) => void): ResubmitGuard {
  const services = useServices();
  const [state, setState] = useState<ResubmitGuardState | null>(null);
  // A search that settles after the user left (or pressed R again) must not open anything.
  const searching = useRef(0);
  useEffect(() => () => void (searching.current += 1), []);

  const check = useCallback(
    (job: Batch) => {
      if (!services) return;
      const search = ++searching.current;
      setState({ status: 'looking', job });
      void findResubmission(services.jobs, job).then(({ found }) => {
        if (search !== searching.current) return;
        if (found) {
          setState({ status: 'asking', job, previous: found });
          return;
        }
        setState(null);
        resubmit(job);
      });
    },
    [services, resubmit],
  );

  const confirm = useCallback(() => {
    if (state?.status !== 'asking') return;
    searching.current += 1;
    setState(null);
    resubmit(state.job);
  }, [state, resubmit]);

  const close = useCallback(() => {
    searching.current += 1;
    setState(null);
  }, []);

  return { state, check, confirm, close };
}
