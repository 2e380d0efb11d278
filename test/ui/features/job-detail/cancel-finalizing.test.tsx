import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Batch } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { CancelDialog } from '../../../../src/ui/kit/CancelDialog.js';
import { fakeSession, keys, makeBatch, renderUi } from '../../../support/ui.js';

const finalizing = makeBatch({
  id: 'batch_final',
  status: 'finalizing',
  requestCounts: { total: 40, completed: 39, failed: 1 },
});

describe('CancelDialog on a finalizing job', () => {
  let session: Session;
  afterEach(() => session?.dispose());

  function open(job: Batch, body = { width: 80, height: 21 }) {
    session = fakeSession({});
    const onConfirm = vi.fn();
    const onClose = vi.fn();
    const ui = renderUi(<CancelDialog job={job} onConfirm={onConfirm} onClose={onClose} />, { session, body });
    return { ...ui, onConfirm, onClose };
  }

  /** The dialog's text as one line (it wraps inside a border). */
  const text = (frame: string) => frame.replace(/[│╭╮╰╯─\s]+/g, ' ');

  it('at 100 % warns that nothing is left to cancel and what cancelling would cost', async () => {
    const ui = open(finalizing);
    const frame = text(await ui.waitForFrame('Cancel this batch?'));
    expect(frame).toContain('40/40 finished (100%)');
    expect(frame).toContain('! All 40 requests have finished: nothing is left to cancel.');
    expect(frame).toContain(
      'Cancelling now saves nothing (finished requests are billed) and may end the job as cancelled with only part of its results.',
    );
    expect(frame).toContain('y cancel anyway · n/enter/esc keep it (default)');
    // Still No by default.
    await ui.press(keys.enter);
    expect(ui.onClose).toHaveBeenCalledTimes(1);
    expect(ui.onConfirm).not.toHaveBeenCalled();
  });

  it('says it in one short line on a 60×15 terminal, keys included', async () => {
    const ui = open(finalizing, { width: 60, height: 12 });
    const raw = await ui.waitForFrame('Cancel this batch?');
    expect(raw.split('\n').length).toBeLessThanOrEqual(12);
    const frame = text(raw);
    expect(frame).toContain(
      '! All 40 requests have finished: nothing is left to cancel, and cancelling may lose results.',
    );
    expect(frame).toContain('y cancel anyway');
  });

  it('a running job keeps the usual note', async () => {
    const ui = open(makeBatch({ status: 'in_progress', requestCounts: { total: 40, completed: 10, failed: 0 } }));
    const frame = text(await ui.waitForFrame('Cancel this batch?'));
    expect(frame).not.toContain('nothing is left to cancel');
    expect(frame).toContain('y cancel the job');
  });
});
