import { Text, useInput, usePaste, type Key } from 'ink';
import { useLayoutEffect, useRef, useState } from 'react';
import { useFormText, useTypeahead } from '../keys/dispatcher.js';
import { useTheme } from '../theme/context.js';
import { editField, type FieldEdit, type FieldState } from './field-editing.js';

export interface FieldInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Only the focused field reads keys; the others just show their value. */
  focus: boolean;
  /**
   * The newest focus, for a form whose focus moves before React renders again (several keys in
   * one chunk): the field then listens all the time and takes a key only while this says so.
   */
  hasFocus?: () => boolean;
  /** Cells the value may use; longer values scroll so the cursor stays visible. */
  width: number;
  /** Shows one • per character instead of the text (API keys). */
  mask?: boolean;
  /** Drops whitespace too (a pasted key often ends in a newline). */
  noSpaces?: boolean;
  placeholder?: string;
  /**
   * enter, also at the end of a chunk of typed keys ("out.jsonl⏎" over SSH). Without it, enter is
   * left to the form around the field.
   */
  onSubmit?: (value: string) => void;
  /**
   * The value starts selected, as a proposed default: the first text typed replaces it, backspace
   * clears it, and a cursor key keeps it to edit.
   */
  selected?: boolean;
}

/**
 * A one-line text field. Written here rather than taken from ink-text-input because that one types
 * the letter of every ctrl-key and cannot drop the newline a paste brings along; a key field must
 * hold exactly what belongs in a header. Typed keys and pastes (bracketed or not) are both read.
 */
export function FieldInput({
  value,
  onChange,
  focus,
  hasFocus,
  width,
  mask = false,
  noSpaces = false,
  placeholder = '',
  onSubmit,
  selected = false,
}: FieldInputProps) {
  const theme = useTheme();
  // The field's state is FieldState (field-editing.ts); several keys can arrive in one chunk before
  // React re-renders, so each edit applies to the newest state, kept here, not to this render's.
  const [fromEnd, setFromEnd] = useState(0);
  const [isSelected, setSelected] = useState(selected);
  const live = useRef<FieldState>({ value, fromEnd, selected });
  live.current = { ...live.current, value, fromEnd: Math.min(fromEnd, value.length) };

  const edit = (change: FieldEdit) => {
    const previous = live.current;
    const next = editField(previous, change, { noSpaces });
    live.current = next;
    setFromEnd(next.fromEnd);
    if (next.selected !== previous.selected) setSelected(next.selected);
    if (next.value !== previous.value) onChange(next.value);
  };
  const insert = (text: string) => edit({ type: 'insert', text });

  // Opened by a key typed with more after it ("/error⏎" in one read): that text is this field's.
  const takeTypeahead = useTypeahead();
  useLayoutEffect(() => {
    if (!(hasFocus ? hasFocus() : focus)) return;
    const typed = takeTypeahead();
    if (typed) typeChunk(typed);
    // Once, when the field opens: what was typed ahead belongs to that moment, not to later renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Text typed as one chunk: an enter in it (when the field submits) ends the typing and submits. */
  const typeChunk = (input: string) => {
    const newline = onSubmit ? input.search(/[\r\n]/) : -1;
    if (newline < 0) insert(input);
    else {
      insert(input.slice(0, newline));
      onSubmit?.(live.current.value);
    }
  };

  const listening = hasFocus !== undefined || focus;
  const mine = () => (hasFocus ? hasFocus() : focus);
  // Text and tabs typed in one chunk in a form: the dispatcher hands this field its own runs.
  const isFormChunk = useFormText((text) => {
    if (mine()) typeChunk(text);
  });

  useInput(
    (input, key) => {
      if (!mine() || isFormChunk(input)) return;
      if (key.return) {
        onSubmit?.(live.current.value);
        return;
      }
      const change = editFor(input, key);
      if (change) edit(change);
      else if (
        key.ctrl ||
        key.meta ||
        key.tab ||
        key.escape ||
        key.upArrow ||
        key.downArrow ||
        key.pageUp ||
        key.pageDown
      )
        return;
      // Keys typed faster than a frame arrive as one chunk: an enter at its end still submits.
      else typeChunk(input);
    },
    { isActive: listening },
  );
  usePaste(
    (text) => {
      if (mine()) insert(text);
    },
    { isActive: listening },
  );

  const shown = mask ? '•'.repeat(value.length) : value;
  if (focus && isSelected && value) {
    // Selected: the whole value stands out (brackets where styles are off), the cursor after it.
    const room = Math.max(1, width - 3);
    const text = shown.length > room ? '…' + shown.slice(shown.length - room + 1) : shown;
    return <Text wrap="truncate-end">{theme.color ? <Text inverse>{text}</Text> : `[${text}]`}</Text>;
  }
  if (!focus) {
    if (!value)
      return (
        <Text color={theme.muted} wrap="truncate-end">
          {placeholder}
        </Text>
      );
    return (
      <Text wrap="truncate-end">{shown.length > width ? shown.slice(0, Math.max(0, width - 1)) + '…' : shown}</Text>
    );
  }

  // The cursor: reverse video, or a bar where styles are off (NO_COLOR drops reverse video too).
  const cells = Math.max(2, theme.color ? width : width - 1);
  const at = shown.length - Math.min(fromEnd, shown.length);
  // The window of the value on screen: the cursor's cell (one past the end when it is there) in view.
  const start = Math.max(0, Math.min(at - (cells - 1), shown.length + 1 - cells));
  const end = start + cells;
  let before = shown.slice(start, at);
  if (start > 0) before = '…' + before.slice(1);
  const under = shown[at] ?? ' ';
  let after = shown.slice(at + 1, end);
  if (end < shown.length) after = after.slice(0, -1) + '…';
  return (
    <Text wrap="truncate-end">
      {before}
      {theme.color ? <Text inverse>{under}</Text> : <Text>{at < shown.length ? '▏' + under : '▏'}</Text>}
      {after}
      {!value && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : null}
    </Text>
  );
}

/** The edit a key stands for in a field, or undefined for a key that is not an edit (text, or not the field's). */
function editFor(input: string, key: Key): FieldEdit | undefined {
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  if (key.backspace) return { type: 'backspace' };
  if (key.delete) return { type: 'delete' };
  if (key.ctrl && input === 'u') return { type: 'deleteToStart' };
  if (key.ctrl && input === 'w') return { type: 'deleteWord' };
  return undefined;
}
