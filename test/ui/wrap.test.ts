import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/ui/format/wrap.js';

describe('wrapText', () => {
  it('breaks at spaces, never past the width', () => {
    const rows = wrapText("The custom_id 'math-4' is used more than once; it was first used on line 5.", 30);
    expect(rows).toEqual(["The custom_id 'math-4' is used", 'more than once; it was first', 'used on line 5.']);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(30);
  });

  it('cuts a word longer than the width, and ends with … when rows run out', () => {
    expect(wrapText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
  });
});
