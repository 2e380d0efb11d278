import { Text, useInput, usePaste } from 'ink';
import { useLayoutEffect, useRef, useState } from 'react';
import { useFormText, useTypeahead } from '../keys/dispatcher.js';
import { useTheme } from '../theme/context.js';

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
  // Characters after the cursor: the cursor stays put relative to the end when the value is
  // replaced from outside (a preset filling the base URL), and 0 means "at the end".
  const [fromEnd, setFromEnd] = useState(0);
  // Several keys can arrive in one chunk before React re-renders: edit the newest value, not the
  // one this render saw.
  const live = useRef({ value, fromEnd });
  live.current = { value, fromEnd: Math.min(fromEnd, value.length) };
  const [isSelected, setSelected] = useState(selected);
  const selection = useRef(selected);
  const unselect = () => {
    selection.current = false;
    setSelected(false);
  };

  const apply = (next: string, nextFromEnd: number) => {
    const previous = live.current.value;
    const bounded = Math.max(0, Math.min(nextFromEnd, next.length));
    live.current = { value: next, fromEnd: bounded };
    setFromEnd(bounded);
    if (next !== previous) onChange(next);
  };

  const insert = (raw: string) => {
    const text = clean(raw, noSpaces);
    if (!text) return;
    if (selection.current) {
      unselect();
      apply(text, 0);
      return;
    }
    const { value: current, fromEnd: after } = live.current;
    const at = current.length - after;
    apply(current.slice(0, at) + text + current.slice(at), after);
  };

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
      if (
        selection.current &&
        !key.ctrl &&
        !key.meta &&
        (key.leftArrow || key.rightArrow || key.home || key.end || key.backspace || key.delete)
      ) {
        unselect();
        if (key.backspace || key.delete) {
          apply('', 0);
          return;
        }
      }
      const { value: current, fromEnd: after } = live.current;
      const at = current.length - after;
      if (key.leftArrow) apply(current, after + 1);
      else if (key.rightArrow) apply(current, after - 1);
      else if (key.home || (key.ctrl && input === 'a')) apply(current, current.length);
      else if (key.end || (key.ctrl && input === 'e')) apply(current, 0);
      else if (key.backspace) {
        if (at > 0) apply(current.slice(0, at - 1) + current.slice(at), after);
      } else if (key.delete) {
        if (after > 0) apply(current.slice(0, at) + current.slice(at + 1), after - 1);
      } else if (key.ctrl && input === 'u') apply(current.slice(at), after);
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

/** Control characters never belong in a one-line field; keys never hold whitespace. */
function clean(text: string, noSpaces: boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    if (noSpaces && /\s/.test(ch)) continue;
    out += ch;
  }
  return out;
}
