import { Box, Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/core/session.js';
import { TextField } from '../../../src/ui/kit/TextField.js';
import { useFormFocus } from '../../../src/ui/kit/useFormFocus.js';
import { useCommands } from '../../../src/ui/keys/dispatcher.js';
import { fakeSession as makeSession, keys, renderUi } from '../../support/ui.js';

const sessions: Session[] = [];
function fakeSession(): Session {
  const session = makeSession({});
  sessions.push(session);
  return session;
}

type Row = 'first' | 'second' | 'ok';
const rows: readonly Row[] = ['first', 'second', 'ok'];

/** Two ink-text-input fields (TextField) and a button, in the profile form's scope. */
function TinyForm() {
  const [values, setValues] = useState({ first: '', second: '' });
  const { row, hasFocus, navigate } = useFormFocus(rows);
  useCommands('form', (command) => {
    navigate(command);
    return true;
  });
  const field = (id: 'first' | 'second') => (
    <TextField
      value={values[id]}
      onChange={(text) => setValues((v) => ({ ...v, [id]: text }))}
      focus={row === id}
      hasFocus={hasFocus(id)}
      width={12}
    />
  );
  return (
    <Box flexDirection="column">
      <Text>focus={row}</Text>
      <Text>first=[{values.first}]</Text>
      {field('first')}
      <Text>second=[{values.second}]</Text>
      {field('second')}
    </Box>
  );
}

const open = () => renderUi(<TinyForm />, { session: fakeSession() });

describe('TextField (ink-text-input behind a guard)', () => {
  afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

  it('edits at the cursor as ink-text-input does: ←→, backspace, text', async () => {
    const ui = open();
    await ui.press('hello');
    await ui.press(keys.left);
    await ui.press(keys.left);
    await ui.press('X');
    await ui.waitForFrame('first=[helXlo]');
    await ui.press('\u007f');
    await ui.waitForFrame('first=[hello]');
  });

  it('drops control characters and ctrl-letters (ink-text-input alone would type the letter); ctrl-u clears', async () => {
    const ui = open();
    await ui.press('a');
    await ui.press('\u0014'); // ctrl-t
    await ui.press('\u0002'); // ctrl-b
    await ui.press('b\u0007c'); // a bell inside typed text
    await ui.waitForFrame('first=[abc]');
    await ui.press('\u0015'); // ctrl-u
    await ui.waitForFrame('first=[]');
  });

  it('takes a paste, bracketed or not, without its newline', async () => {
    const ui = open();
    await ui.press('\u001b[200~work\r\n\u001b[201~');
    await ui.waitForFrame('first=[work]');
    await ui.press('-eu\n');
    await ui.waitForFrame('first=[work-eu]');
  });

  it('keys arriving in one chunk are all applied, in order (ink-text-input alone keeps only the last)', async () => {
    const ui = open();
    await ui.press('abc\u007f\u007fd');
    await ui.waitForFrame('first=[ad]');
    await ui.press('x' + keys.down + 'cd' + keys.up + 'e'); // the focus moves within the chunk
    const frame = await ui.waitForFrame('second=[cd]');
    expect(frame).toContain('first=[adxe]');
    expect(frame).toContain('focus=first');
  });

  it('text and tabs typed fast: each run lands in the field the tabs have reached, no tab typed', async () => {
    const ui = open();
    await ui.press('ab\tcd\t\tef');
    const frame = await ui.waitForFrame('second=[cd]');
    expect(frame).toContain('first=[abef]');
    expect(frame).toContain('focus=first');
  });

  it('a value wider than the field shows its end, on one line', async () => {
    const ui = open();
    await ui.press('a long value that scrolls');
    const frame = await ui.waitForFrame('first=[a long value that scrolls]');
    const line = frame.split('\n')[2]!;
    expect(line).toContain('hat scrolls');
    expect(line.trimEnd().length).toBeLessThanOrEqual(12);
  });
});
