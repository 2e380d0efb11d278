import { describe, expect, it } from 'vitest';
import { highlightRows } from '../../../../src/ui/features/results/RecordHighlight.js';
import type { Row } from '../../../../src/ui/features/results/RecordLayout.js';

describe('search matches on screen', () => {
  it('marks every occurrence, in any case, in lines and in both halves of a split row; the rest is untouched', () => {
    const rows: Row[] = [
      {
        kind: 'line',
        segments: [{ text: '4', tone: 'accent', bold: true }, { text: '  d · Apple tart and apple pie' }],
      },
      { kind: 'split', split: 20, left: [{ text: 'user: an APPLE?' }], right: [{ text: 'no fruit', tone: 'muted' }] },
    ];
    const marked = highlightRows(rows, 'apple');
    const matched = (segments: readonly { text: string; match?: boolean }[]) =>
      segments.filter((s) => s.match).map((s) => s.text);
    const [line, split] = marked as [Extract<Row, { kind: 'line' }>, Extract<Row, { kind: 'split' }>];
    expect(matched(line.segments)).toEqual(['Apple', 'apple']);
    expect(line.segments.map((s) => s.text).join('')).toBe('4  d · Apple tart and apple pie');
    expect(line.segments[0]).toEqual({ text: '4', tone: 'accent', bold: true });
    expect(matched(split.left)).toEqual(['APPLE']);
    expect(split.right).toEqual([{ text: 'no fruit', tone: 'muted' }]);
    expect(highlightRows(rows, null)).toBe(rows);
  });
});
