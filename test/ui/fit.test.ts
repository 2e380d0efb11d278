import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitWidth, takeWidth, truncate } from '../../src/ui/format/fit.js';
import { wrapText } from '../../src/ui/format/wrap.js';
import { wrapKeepingTail } from '../../src/ui/format/wrap-tail.js';
import { hardRows, wrapRows } from '../../src/ui/features/results/RecordWrap.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('fitting text into columns: by width, never inside a character', () => {
  it('truncate counts columns: wide characters take two, and a cut never splits a surrogate pair or a cluster', () => {
    expect(truncate('🙂🙂🙂', 4)).toBe('🙂…');
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
    expect(truncate('cafe\u0301 au lait', 5)).toBe('cafe\u0301…');
    for (let width = 1; width <= 9; width++) {
      const cut = truncate('a🙂b界c🙂d'.repeat(3), width);
      expect(cut).not.toMatch(loneSurrogate);
      expect(stringWidth(cut)).toBeLessThanOrEqual(width);
    }
  });

  it('fitWidth pads by columns, so wide text lines up with plain text', () => {
    expect(stringWidth(fitWidth('界界', 6))).toBe(6);
    expect(stringWidth(fitWidth('abcdef', 6))).toBe(6);
    expect(stringWidth(fitWidth('界界界界', 5))).toBe(5);
    expect(takeWidth('界', 1)).toBe('');
  });

  it('wrapping measures columns and never splits a surrogate pair', () => {
    const rows = wrapText('🙂'.repeat(25), 10);
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row).not.toMatch(loneSurrogate);
      expect(stringWidth(row)).toBeLessThanOrEqual(10);
    }
    const cut = wrapText('界'.repeat(30), 9, 2);
    expect(cut).toHaveLength(2);
    expect(cut.at(-1)!.endsWith('…')).toBe(true);
    for (const row of cut) expect(stringWidth(row)).toBeLessThanOrEqual(9);
    const tailed = wrapKeepingTail('界'.repeat(40), ' · retry in 12s', 20, 1);
    expect(tailed[0]!.endsWith(' · retry in 12s')).toBe(true);
    expect(stringWidth(tailed[0]!)).toBeLessThanOrEqual(20);
  });

  it("the pager's rows fit their width in columns: a Japanese answer, emoji, a raw line", () => {
    const answer = `${'日本語のテキストです。'.repeat(20)} 🙂🙂🙂 end`;
    const { rows, total } = wrapRows(answer, 30);
    expect(rows.length).toBe(total);
    expect(rows.join('').replace(/ /g, '')).toBe(answer.replace(/ /g, ''));
    for (const row of rows) {
      expect(stringWidth(row)).toBeLessThanOrEqual(30);
      expect(row).not.toMatch(loneSurrogate);
    }
    const raw = hardRows(`{"text":"${'界🙂'.repeat(40)}"}`, 25);
    for (const row of raw.rows) {
      expect(stringWidth(row)).toBeLessThanOrEqual(25);
      expect(row).not.toMatch(loneSurrogate);
    }
  });
});
