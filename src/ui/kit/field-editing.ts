/**
 * The editing rules of a one-line text field (FieldInput), as a pure function of the field's state
 * and one edit, so they are tested without a terminal and shared by every field.
 */
export interface FieldState {
  value: string;
  /** Characters after the cursor: 0 is "at the end", so the cursor stays put when text is added before it. */
  fromEnd: number;
  /** The whole value is a proposed default: the first text replaces it, backspace clears it, a move keeps it. */
  selected: boolean;
}

export type FieldEdit =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'deleteToStart' }
  | { type: 'deleteWord' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' };

export interface FieldRules {
  /** Drops whitespace too: a key pasted with the newline or spaces around it. */
  noSpaces?: boolean;
}

export function fieldState(value: string, selected = false): FieldState {
  return { value, fromEnd: 0, selected };
}

/** The state after one edit. The cursor always stays inside the value. */
export function editField(state: FieldState, edit: FieldEdit, rules: FieldRules = {}): FieldState {
  const fromEnd = Math.max(0, Math.min(state.fromEnd, state.value.length));
  const { value } = state;
  const at = value.length - fromEnd;
  const to = (next: string, nextFromEnd: number): FieldState => ({
    value: next,
    fromEnd: Math.max(0, Math.min(nextFromEnd, next.length)),
    selected: false,
  });
  if (edit.type === 'insert') {
    const text = sanitizeFieldText(edit.text, rules.noSpaces ?? false);
    if (!text) return state;
    if (state.selected) return to(text, 0);
    return to(value.slice(0, at) + text + value.slice(at), fromEnd);
  }
  // A selected default: backspace and delete clear it; a move keeps it, to edit.
  if (state.selected && (edit.type === 'backspace' || edit.type === 'delete')) return to('', 0);
  switch (edit.type) {
    case 'left':
      return to(value, fromEnd + 1);
    case 'right':
      return to(value, fromEnd - 1);
    case 'home':
      return to(value, value.length);
    case 'end':
      return to(value, 0);
    case 'backspace':
      return at > 0 ? to(value.slice(0, at - 1) + value.slice(at), fromEnd) : to(value, fromEnd);
    case 'delete':
      return fromEnd > 0 ? to(value.slice(0, at) + value.slice(at + 1), fromEnd - 1) : to(value, fromEnd);
    case 'deleteToStart':
      return to(value.slice(at), fromEnd);
    case 'deleteWord': {
      // The word before the cursor and the spaces after it, as a shell's ctrl-w.
      const start = value.slice(0, at).search(/\S*\s*$/);
      return to(value.slice(0, start) + value.slice(at), fromEnd);
    }
  }
}

/** Control characters never belong in a one-line field (a paste's newline, an escape); keys hold no whitespace. */
export function sanitizeFieldText(text: string, noSpaces = false): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    if (noSpaces && /\s/.test(ch)) continue;
    out += ch;
  }
  return out;
}
