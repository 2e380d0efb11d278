import { Box, useInput, usePaste, type Key } from 'ink';
import TextInput from 'ink-text-input';
import stringWidth from 'string-width';
import { useLayoutEffect, useRef, useState } from 'react';
import { useFormText } from '../keys/dispatcher.js';
import { editField, sanitizeFieldText, type FieldEdit } from './field-editing.js';

export interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Only the focused field reads keys; the others just show their value. */
  focus: boolean;
  /** The newest focus (useFormFocus), for keys that arrive in one chunk with the key that moved it. */
  hasFocus?: () => boolean;
  /** Cells the field may use; a longer value shows its end, where the typing is. */
  width: number;
  placeholder?: string;
}

/**
 * A plain one-line text field (a profile's name): ink-text-input, which draws the value and its
 * cursor and edits at the cursor (←→, backspace, text), behind a guard that sees every key first
 * and lets ink-text-input have only the keys it handles well:
 * - never a newline or control character (a paste's newline, an escape): dropped, as in FieldInput;
 * - never a ctrl- or meta-letter, which it would type as the letter (ctrl-e and ctrl-u still
 *   work: to the end, and clear);
 * - no key while the form's focus is elsewhere, and no text-and-tabs chunk of a form (the
 *   dispatcher hands this field its runs of text, see useFormText);
 * - no second key before it has drawn the first: it edits the value and cursor of its last render,
 *   so of "abc⌫⌫d" arriving in one chunk (fast typing over SSH) it would keep only "d".
 * What it does not get is done here, at the end of the value, and it is then drawn afresh with its
 * cursor at the end. Pastes too (bracketed, they never reach it). Fields that need more (a masked
 * key, a default typed over, text a key opened the field with) use FieldInput.
 */
export function TextField({ value, onChange, focus, hasFocus, width, placeholder = '' }: TextFieldProps) {
  const live = useRef(value);
  live.current = value;
  // A new key draws ink-text-input afresh, its cursor at the end, after an edit made here.
  const [drawing, setDrawing] = useState(0);
  const [, setKeys] = useState(0);
  /** Whether ink-text-input may apply the key being handled now. */
  const allowed = useRef(false);
  /** A key went to ink-text-input and it has not been drawn since: the next key of the chunk is done here. */
  const pending = useRef(false);
  useLayoutEffect(() => {
    pending.current = false;
  });

  const mine = () => (hasFocus ? hasFocus() : focus);
  const listening = hasFocus !== undefined || focus;
  // Whether ink-text-input listens, as drawn: a field the focus reached within this chunk is not yet.
  const drawnFocus = focus && mine();
  const inkListens = useRef(drawnFocus);
  inkListens.current = drawnFocus;
  const set = (next: string) => {
    if (next === live.current) return;
    live.current = next;
    onChange(next);
  };
  /** An edit made here rather than by ink-text-input: at the end of the value, where the cursor then is. */
  const editAtEnd = (edit: FieldEdit) => {
    set(editField({ value: live.current, fromEnd: 0, selected: false }, edit).value);
    redraw();
  };
  const redraw = () => {
    pending.current = true;
    setDrawing((n) => n + 1);
  };

  const isFormChunk = useFormText((text) => {
    if (mine()) editAtEnd({ type: 'insert', text });
  });
  usePaste(
    (text) => {
      if (mine()) editAtEnd({ type: 'insert', text });
    },
    { isActive: listening },
  );

  const guard = (input: string, key: Key) => {
    allowed.current = false;
    if (!mine() || isFormChunk(input)) {
      // ink-text-input may still be listening from its last render: undo whatever it did to its cursor.
      if (inkListens.current) redraw();
      return;
    }
    // Keys of the form, which ink-text-input leaves alone or does nothing with.
    if (key.return || key.tab || key.upArrow || key.downArrow || key.escape || key.pageUp || key.pageDown) return;
    if (key.home) return;
    if (key.ctrl || key.meta || key.end) {
      if (key.ctrl && input === 'u') set('');
      // ctrl-e and end: the cursor to the end, as a fresh draw puts it.
      if (input || key.end) redraw();
      return;
    }
    const edit = editFor(input, key);
    if (
      pending.current ||
      !inkListens.current ||
      (edit.type === 'insert' && sanitizeFieldText(edit.text) !== edit.text)
    ) {
      // A cursor move it cannot make on its newest state is dropped; an edit is made here.
      if (edit.type !== 'move') editAtEnd(edit);
      return;
    }
    allowed.current = true;
    pending.current = true;
    setKeys((n) => n + 1);
  };

  // A value wider than the field shows its end: one line, the start cut off.
  const shown = stringWidth(value) >= width;
  return (
    <Box width={width} height={1} overflow="hidden" justifyContent={shown ? 'flex-end' : 'flex-start'}>
      <KeyGuard onKey={guard} active={listening} />
      <Box flexShrink={0} width={Math.max(width, stringWidth(value) + 1)}>
        <TextInput
          key={drawing}
          value={value}
          placeholder={placeholder}
          focus={drawnFocus}
          onChange={(next) => {
            if (allowed.current) set(next);
          }}
        />
      </Box>
    </Box>
  );
}

/**
 * Reads each key before ink-text-input does: rendered before it, its listener is subscribed first
 * (and stays, as it listens all the time), so the guard decides before ink-text-input acts.
 */
function KeyGuard({ onKey, active }: { onKey: (input: string, key: Key) => void; active: boolean }) {
  useInput(onKey, { isActive: active });
  return null;
}

/** What ink-text-input would do with a key: backspace and delete both delete before the cursor. */
function editFor(input: string, key: Key): FieldEdit | { type: 'move' } {
  if (key.leftArrow || key.rightArrow) return { type: 'move' };
  if (key.backspace || key.delete) return { type: 'backspace' };
  return { type: 'insert', text: input };
}
