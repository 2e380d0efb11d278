import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src/core/session.js';
import { FieldInput } from '../../../../src/ui/kit/FieldInput.js';
import { MaskedInput } from '../../../../src/ui/kit/MaskedInput.js';
import { fakeSession as makeSession, renderUi } from '../../../support/ui.js';

const sessions: Session[] = [];
function fakeSession(): Session {
  const session = makeSession({});
  sessions.push(session);
  return session;
}

function Harness({ masked = false, onValue }: { masked?: boolean; onValue: (v: string) => void }) {
  const [value, setValue] = useState('');
  const change = (v: string) => {
    setValue(v);
    onValue(v);
  };
  return masked ? (
    <MaskedInput value={value} onChange={change} focus width={30} />
  ) : (
    <FieldInput value={value} onChange={change} focus width={20} />
  );
}

describe('FieldInput', () => {
  afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

  it('edits at the cursor: arrows, home/end, backspace, delete, ctrl-u', async () => {
    let value = '';
    const ui = renderUi(<Harness onValue={(v) => (value = v)} />, { session: fakeSession() });
    await ui.press('hello');
    await ui.press('\u001b[D\u001b[D'); // ← ←
    await ui.press('X');
    expect(value).toBe('helXlo');
    await ui.press('\u007f'); // backspace
    expect(value).toBe('hello');
    await ui.press('\u001b[3~'); // delete: the character under the cursor
    expect(value).toBe('helo');
    await ui.press('\u001b[H'); // home
    await ui.press('>');
    await ui.press('\u001b[F'); // end
    await ui.press('<');
    expect(value).toBe('>helo<');
    await ui.press('\u0015'); // ctrl-u clears to the start
    expect(value).toBe('');
  });

  it('ignores ctrl-letters and control characters, and applies several keys in one chunk in order', async () => {
    let value = '';
    const ui = renderUi(<Harness onValue={(v) => (value = v)} />, { session: fakeSession() });
    await ui.press('\u0014'); // ctrl-t
    await ui.press('\u0013'); // ctrl-s
    expect(value).toBe('');
    await ui.press('abc\u007f\u007fd');
    expect(value).toBe('ad');
  });

  it('scrolls a long value to keep the cursor in view', async () => {
    const ui = renderUi(<Harness onValue={() => {}} />, { session: fakeSession() });
    await ui.press('https://example.com/a/very/long/path/v1');
    const frame = await ui.waitForFrame('path/v1');
    expect(frame.trim().startsWith('…')).toBe(true);
    expect(frame.trim().length).toBeLessThanOrEqual(21);
  });

  it('masks: bullets and the length, never the text; whitespace dropped', async () => {
    let value = '';
    const ui = renderUi(<Harness masked onValue={(v) => (value = v)} />, { session: fakeSession() });
    await ui.press('sk-abc def\t');
    expect(value).toBe('sk-abcdef');
    const frame = await ui.waitForFrame('9 chars');
    expect(frame).toContain('•••••••••');
    expect(frame).not.toMatch(/sk-|abc|def/);
  });
});
