import { describe, expect, it } from 'vitest';
import {
  editField,
  fieldState,
  sanitizeFieldText,
  type FieldEdit,
  type FieldState,
} from '../../../src/ui/kit/field-editing.js';

/** Applies edits in order; the value with | where the cursor is. */
function run(start: FieldState, ...edits: FieldEdit[]): string {
  const end = edits.reduce((state, edit) => editField(state, edit), start);
  const at = end.value.length - end.fromEnd;
  return end.value.slice(0, at) + '|' + end.value.slice(at);
}
const type = (text: string): FieldEdit => ({ type: 'insert', text });

describe('editField', () => {
  it('inserts at the cursor, which stays after what was typed', () => {
    expect(run(fieldState(''), type('hello'))).toBe('hello|');
    expect(run(fieldState('hello'), { type: 'left' }, { type: 'left' }, type('X'))).toBe('helX|lo');
  });

  it('backspace deletes before the cursor, delete the character under it; nothing at either end', () => {
    expect(run(fieldState('hello'), { type: 'left' }, { type: 'backspace' })).toBe('hel|o');
    expect(run(fieldState('hello'), { type: 'left' }, { type: 'left' }, { type: 'delete' })).toBe('hel|o');
    expect(run(fieldState('hello'), { type: 'delete' })).toBe('hello|');
    expect(run(fieldState('hello'), { type: 'home' }, { type: 'backspace' })).toBe('|hello');
  });

  it('moves the cursor, never past either end', () => {
    expect(run(fieldState('ab'), { type: 'left' }, { type: 'left' }, { type: 'left' })).toBe('|ab');
    expect(run(fieldState('ab'), { type: 'right' })).toBe('ab|');
    expect(run(fieldState('abc'), { type: 'home' }, { type: 'right' })).toBe('a|bc');
    expect(run(fieldState('abc'), { type: 'home' }, { type: 'end' })).toBe('abc|');
  });

  it('ctrl-u deletes to the start, ctrl-w the word before the cursor with its spaces', () => {
    expect(run(fieldState('hello world'), { type: 'left' }, { type: 'deleteToStart' })).toBe('|d');
    expect(run(fieldState('nightly eval  '), { type: 'deleteWord' })).toBe('nightly |');
    expect(run(fieldState('a b-c'), { type: 'left' }, { type: 'deleteWord' })).toBe('a |c');
    expect(run(fieldState(''), { type: 'deleteWord' })).toBe('|');
  });

  it('keeps the cursor where it is relative to the end when the value is replaced from outside', () => {
    const state = editField(fieldState('https://a/v1'), { type: 'left' });
    expect(run({ ...state, value: 'https://longer.example/v1' }, type('X'))).toBe('https://longer.example/vX|1');
    // A value shorter than the cursor's distance from the end: the cursor is at the start.
    expect(run({ value: 'ab', fromEnd: 9, selected: false }, type('X'))).toBe('X|ab');
  });

  it('drops a paste’s newline and control characters; a key field drops whitespace too', () => {
    expect(run(fieldState(''), type('sk-abc\r\n'))).toBe('sk-abc|');
    expect(run(fieldState(''), type('a\u001b[31mb\tc\u0007\u009b'))).toBe('a[31mbc|');
    expect(editField(fieldState(''), type('sk-a bc\n'), { noSpaces: true }).value).toBe('sk-abc');
    expect(editField(fieldState('x'), type('\n\u0000')).value).toBe('x');
    expect(sanitizeFieldText('tab\there é ✓')).toBe('tabhere é ✓');
  });

  it('a selected default is replaced by the first text, cleared by backspace or delete, and kept by a move', () => {
    const selected = fieldState('out.jsonl', true);
    expect(run(selected, type('x'), type('y'))).toBe('xy|');
    expect(run(selected, { type: 'backspace' })).toBe('|');
    expect(run(selected, { type: 'delete' })).toBe('|');
    expect(run(selected, { type: 'left' }, type('2'))).toBe('out.json2|l');
    expect(editField(selected, { type: 'end' }).selected).toBe(false);
    // Text that sanitizes to nothing leaves the default selected.
    expect(editField(selected, type('\n'))).toBe(selected);
  });
});
