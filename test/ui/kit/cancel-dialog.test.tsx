import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelDialog } from '../../../src/ui/kit/CancelDialog.js';
import type { Session } from '../../../src/core/session.js';
import { fakeSession, keys, makeBatch, renderUi } from '../../support/ui.js';

const job = makeBatch({
  id: 'batch_abc123',
  status: 'in_progress',
  requestCounts: { total: 600, completed: 312, failed: 4 },
  metadata: { description: 'Nightly review sentiment' },
});

describe('CancelDialog', () => {
  let session: Session;
  afterEach(() => session?.dispose());

  function open(props: { busy?: boolean; error?: string | null } = {}, body = { width: 80, height: 21 }) {
    session = fakeSession({});
    const onConfirm = vi.fn();
    const onClose = vi.fn();
    const ui = renderUi(<CancelDialog job={job} onConfirm={onConfirm} onClose={onClose} {...props} />, {
      session,
      body,
    });
    return { ...ui, onConfirm, onClose };
  }

  it('names the job, its status and progress, and says finished requests still count', async () => {
    const ui = open();
    const frame = await ui.waitForFrame('Cancel this batch?');
    expect(frame).toContain('batch_abc123');
    expect(frame).toContain('Nightly review sentiment');
    expect(frame).toContain('in progress');
    expect(frame).toContain('316/600 finished (52%)');
    expect(frame).toContain('312 completed, 4 failed');
    expect(frame).toMatch(/already finished still count and are billed/);
    expect(frame).toMatch(/results stay\s+(│\s+)?available/);
    expect(frame).toContain('keep it (default)');
  });

  it('answers No by default: enter, n, esc and q close it without cancelling', async () => {
    for (const key of [keys.enter, 'n', keys.escape, 'q']) {
      const ui = open();
      await ui.waitForFrame('Cancel this batch?');
      await ui.press(key);
      expect(ui.onClose, JSON.stringify(key)).toHaveBeenCalledTimes(1);
      expect(ui.onConfirm).not.toHaveBeenCalled();
      ui.unmount();
      session.dispose();
    }
  });

  it('y confirms; other keys (even the global ones) do nothing', async () => {
    const ui = open();
    await ui.waitForFrame('Cancel this batch?');
    await ui.press('m');
    await ui.press('c');
    expect(ui.onConfirm).not.toHaveBeenCalled();
    expect(ui.onClose).not.toHaveBeenCalled();
    expect(ui.onCommand).not.toHaveBeenCalled();
    await ui.press('y');
    expect(ui.onConfirm).toHaveBeenCalledTimes(1);
  });

  it('shows "cancelling…" while busy and does not send a second request', async () => {
    const ui = open({ busy: true });
    await ui.waitForFrame('cancelling…');
    await ui.press('y');
    expect(ui.onConfirm).not.toHaveBeenCalled();
  });

  it("shows the server's refusal until dismissed", async () => {
    const ui = open({ error: "Cannot cancel a batch with status 'completed'." });
    const frame = await ui.waitForFrame("Cannot cancel a batch with status 'completed'.");
    expect(frame).toContain('close');
    await ui.press(keys.enter);
    expect(ui.onClose).toHaveBeenCalledTimes(1);
  });

  it('fits a 60×15 terminal (12 body rows)', async () => {
    const ui = open({ error: "Cannot cancel a batch with status 'completed'." }, { width: 60, height: 12 });
    const frame = await ui.waitForFrame('Cancel this batch?');
    expect(frame.split('\n').length).toBeLessThanOrEqual(12);
    expect(frame).toContain('batch_abc123');
    expect(frame).toContain("status 'completed'");
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
