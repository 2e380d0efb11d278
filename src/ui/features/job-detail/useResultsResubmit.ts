import { useCallback, useEffect, useState } from 'react';
import { plural, pluralWord, type Batch } from '../../../api/index.js';
import { ResubmitSession, type ResubmitState } from '../../../core/results/session/resubmit.js';
import { useServices } from '../../state/services-context.js';
import { useNavigation } from '../../state/nav-context.js';
import { useObservable } from '../../kit/useObservable.js';
import { keyLabel } from '../../keys/keymap.js';

export interface ResubmitView {
  /** Null while no resubmit is under way. */
  state: ResubmitState | null;
  start: (job: Batch) => void;
  cancel: () => void;
  close: () => void;
  /** enter on the count: the new-batch flow starts on the new file, the form prefilled. */
  proceed: () => void;
}

/**
 * `R` on the job detail. The reading runs in a ResubmitSession (core) while the dialog shows; it
 * stops when the dialog closes or the screen goes. `onNotice` gets what the detail's notice line
 * says afterwards ("Nothing to resubmit", a refusal).
 */
export function useResultsResubmit(onNotice: (text: string) => void): ResubmitView {
  const services = useServices();
  const nav = useNavigation();
  const [session, setSession] = useState<ResubmitSession | null>(null);
  const state = useObservable(session ?? idle);

  useEffect(() => () => session?.dispose(), [session]);

  const close = useCallback(() => setSession(null), []);

  // Nothing to resubmit needs no dialog: the notice line says it.
  useEffect(() => {
    if (state?.status !== 'nothing') return;
    const without = state.plan.failedWithoutInput.length;
    onNotice(
      without > 0
        ? `Nothing to resubmit: the ${plural(without, 'failed request')} ${pluralWord(without, 'is', 'are')} not in the input file.`
        : 'Nothing to resubmit.',
    );
    setSession(null);
  }, [state, onNotice]);

  const start = useCallback(
    (job: Batch) => {
      if (!services) return;
      setSession(new ResubmitSession({ client: services.client, job }));
    },
    [services],
  );

  const proceed = useCallback(() => {
    if (!services || state?.status !== 'ready') return;
    const { plan, description, metadata } = state;
    if (!services.newBatch.startPrepared(plan.path, { description, metadata })) {
      onNotice(
        `A new batch is being uploaded: wait for it to finish, then press ${keyLabel('resubmit', 'detail')} again.`,
      );
      setSession(null);
      return;
    }
    setSession(null);
    nav.push({ name: 'new' });
  }, [services, state, nav, onNotice]);

  return { state, start, cancel: () => session?.cancel(), close, proceed };
}

const idle = { getState: (): ResubmitState | null => null, subscribe: () => () => {} };
