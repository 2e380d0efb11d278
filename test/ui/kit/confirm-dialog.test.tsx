import { Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from '../../../src/ui/kit/ConfirmDialog.js';
import type { Session } from '../../../src/core/session.js';
import { fakeSession, keys, renderUi } from '../../support/ui.js';

describe('ConfirmDialog', () => {
  let session: Session;
  afterEach(() => session?.dispose());

  function open(props: { busy?: boolean; error?: string | null; no?: string } = {}) {
    session = fakeSession({});
    const onConfirm = vi.fn();
    const onClose = vi.fn();
    const ui = renderUi(
      <ConfirmDialog
        title="Throw it away?"
        width={60}
        yes="throw it away"
        doing="throwing…"
        onConfirm={onConfirm}
        onClose={onClose}
        {...props}
      >
        <Text>It cannot be had back.</Text>
      </ConfirmDialog>,
      { session, body: { width: 70, height: 12 } },
    );
    return { ...ui, onConfirm, onClose };
  }

  it('draws the title, what it is about, and the keys with No as the default', async () => {
    const ui = open();
    const frame = await ui.waitForFrame('Throw it away?');
    expect(frame).toContain('It cannot be had back.');
    expect(frame).toContain('y throw it away · n/enter/esc keep it (default)');
  });

  it('names the default answer when told', async () => {
    const ui = open({ no: 'stay' });
    expect(await ui.waitForFrame('Throw it away?')).toContain('n/enter/esc stay (default)');
  });

  it('says No to enter, n and esc; y says yes; other keys do nothing', async () => {
    for (const key of [keys.enter, 'n', keys.escape]) {
      const ui = open();
      await ui.waitForFrame('Throw it away?');
      await ui.press('x');
      await ui.press(key);
      expect(ui.onClose, JSON.stringify(key)).toHaveBeenCalledTimes(1);
      expect(ui.onConfirm).not.toHaveBeenCalled();
      ui.unmount();
      session.dispose();
    }
    const ui = open();
    await ui.waitForFrame('Throw it away?');
    await ui.press('y');
    expect(ui.onConfirm).toHaveBeenCalledTimes(1);
    expect(ui.onCommand).not.toHaveBeenCalled();
  });

  it('ignores y while the answer is carried out, and offers it again after a refusal', async () => {
    const busy = open({ busy: true });
    await busy.waitForFrame('throwing…');
    await busy.press('y');
    expect(busy.onConfirm).not.toHaveBeenCalled();
    busy.unmount();
    session.dispose();

    const refused = open({ error: 'The server said no.' });
    const frame = await refused.waitForFrame('The server said no.');
    expect(frame).toContain('y try again · n/enter/esc close');
    await refused.press('y');
    expect(refused.onConfirm).toHaveBeenCalledTimes(1);
  });
});
