import { Box, Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/core/session.js';
import { FieldInput } from '../../../src/ui/kit/FieldInput.js';
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

/** Two text fields and a button, in the profile form's scope; every other command is counted. */
function TinyForm({
  initial,
  onPress,
  onLeave,
  onOther,
}: {
  initial?: Row;
  onPress: () => void;
  onLeave: (row: Row) => void;
  onOther: (command: string) => void;
}) {
  const [values, setValues] = useState({ first: '', second: '' });
  const { row, hasFocus, focusOn, navigate } = useFormFocus(rows, {
    ...(initial ? { initial } : {}),
    buttons: { ok: onPress },
    onLeave,
  });
  useCommands('form', (command) => {
    if (navigate(command)) return true;
    onOther(command);
    if (command === 'back') focusOn('second');
    return true;
  });
  const field = (id: 'first' | 'second') => (
    <FieldInput
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

function open(props: { initial?: Row } = {}) {
  const pressed: number[] = [];
  const left: Row[] = [];
  const other: string[] = [];
  const ui = renderUi(
    <TinyForm
      {...props}
      onPress={() => pressed.push(1)}
      onLeave={(row) => left.push(row)}
      onOther={(c) => other.push(c)}
    />,
    { session: fakeSession() },
  );
  return { ...ui, pressed, left, other };
}

describe('useFormFocus', () => {
  afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

  it('starts on the first row, or the one asked for', async () => {
    await open().waitForFrame('focus=first');
    await open({ initial: 'second' }).waitForFrame('focus=second');
  });

  it('tab/↓ and shift-tab/↑ move round the rows, wrapping at both ends, and say which row was left', async () => {
    const ui = open();
    await ui.press(keys.tab);
    await ui.waitForFrame('focus=second');
    await ui.press(keys.down);
    await ui.waitForFrame('focus=ok');
    await ui.press(keys.down); // past the last row: the first again
    await ui.waitForFrame('focus=first');
    await ui.press(keys.up); // before the first: the last
    await ui.waitForFrame('focus=ok');
    await ui.press('\u001b[Z'); // shift-tab
    await ui.waitForFrame('focus=second');
    expect(ui.left).toEqual(['first', 'second', 'ok', 'first', 'ok']);
  });

  it('enter moves on from a field and presses a button (staying on it)', async () => {
    const ui = open();
    await ui.press(keys.enter);
    await ui.waitForFrame('focus=second');
    await ui.press(keys.enter);
    await ui.waitForFrame('focus=ok');
    expect(ui.pressed).toHaveLength(0);
    await ui.press(keys.enter);
    await ui.press(keys.enter);
    expect(ui.pressed).toHaveLength(2);
    expect(ui.frame()).toContain('focus=ok');
    expect(ui.left).toEqual(['first', 'second']);
  });

  it('leaves other commands to the form, which may focus a row itself', async () => {
    const ui = open();
    await ui.press(keys.right);
    await ui.press(keys.escape);
    await ui.waitForFrame('focus=second');
    expect(ui.other).toEqual(['optionNext', 'back']);
    expect(ui.left).toEqual([]); // focusOn is not a move: nothing was left
  });

  it('tabs in one chunk (typed fast, over SSH) each move the focus one row; shift-tabs go back', async () => {
    const ui = open();
    await ui.press('\t\t');
    await ui.waitForFrame('focus=ok');
    await ui.press('\t\t\t\t'); // round past the end: ok → first → second → ok → first
    await ui.waitForFrame('focus=first');
    await ui.press('\u001b[Z\u001b[Z'); // two shift-tabs in one chunk
    await ui.waitForFrame('focus=second');
    expect(ui.frame()).toContain('first=[]'); // no tab was typed into a field
    expect(ui.left).toEqual(['first', 'second', 'ok', 'first', 'second', 'ok', 'first', 'ok']);
  });

  it('text and tabs in one chunk ("ab⇥cd" typed fast): each run of text lands in the field the tabs have reached', async () => {
    const ui = open();
    await ui.press('ab\tcd\t\tef'); // first, second, ok (a button: no text), round to first
    const frame = await ui.waitForFrame('second=[cd]');
    expect(frame).toContain('first=[abef]');
    expect(frame).toContain('focus=first');
    expect(ui.left).toEqual(['first', 'second', 'ok']);
  });

  it('keys in one chunk reach the field the focus has just moved to', async () => {
    const ui = open();
    await ui.press('ab' + keys.down + 'cd' + keys.up + 'e'); // one chunk, handled before React renders
    const frame = await ui.waitForFrame('second=[cd]');
    expect(frame).toContain('first=[abe]');
    expect(frame).toContain('focus=first');
  });
});
