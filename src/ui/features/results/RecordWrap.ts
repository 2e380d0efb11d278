import { sanitizeLine } from '../../../api/index.js';
import { fitEnd } from '../../format/fit.js';

/**
 * Text of a record (an answer, a prompt, an error message) as screen rows: paragraphs kept, words
 * wrapped at spaces (a word longer than the row is cut), at most `maxRows` rows. `total` counts
 * every row the whole text would take, so the cut can say how much is left; counting does not
 * build the rows it does not show, so a 5 MB answer costs one pass over its characters.
 */
export interface WrappedText {
  rows: string[];
  total: number;
}

export function wrapRows(text: string, width: number, maxRows = Infinity): WrappedText {
  const rows: string[] = [];
  if (width <= 0) return { rows, total: 0 };
  let total = 0;
  let start = 0;
  const length = text.length;
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    // CRLF: the \r belongs to the line end, not the text.
    const paragraphEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    total += wrapParagraph(text, start, paragraphEnd, width, rows, maxRows);
    if (end >= length) break;
    start = end + 1;
  }
  return { rows, total };
}

/** Wraps text[from, to) and returns how many rows it takes; pushes them while rows has room. */
function wrapParagraph(text: string, from: number, to: number, width: number, rows: string[], maxRows: number): number {
  if (from >= to) {
    if (rows.length < maxRows) rows.push('');
    return 1;
  }
  let count = 0;
  let at = from;
  while (at < to) {
    // Columns, not characters: a row of CJK text is twice as wide as its length.
    const fits = fitEnd(text, at, to, width);
    let end: number;
    if (fits >= to) {
      end = to;
    } else {
      const space = lastSpace(text, fits, at + (fits - at) / 3);
      // A character wider than the row still goes, alone, so the loop moves on.
      end = space >= 0 ? space : fits > at ? fits : at + (isHighSurrogate(text.charCodeAt(at)) ? 2 : 1);
    }
    if (rows.length < maxRows) rows.push(plain(text.slice(at, end)).trimEnd());
    count += 1;
    at = end;
    while (at < to && text.charCodeAt(at) === 32) at++;
  }
  return count;
}

/** Rows cut at exactly `width` characters (JSON and raw lines: every character stays). */
export function hardRows(text: string, width: number, maxRows = Infinity): WrappedText {
  const rows: string[] = [];
  if (width <= 0) return { rows, total: 0 };
  let at = 0;
  while (at < text.length && rows.length < maxRows) {
    const end = Math.max(fitEnd(text, at, text.length, width), at + (isHighSurrogate(text.charCodeAt(at)) ? 2 : 1));
    rows.push(plain(text.slice(at, end)));
    at = end;
  }
  // The rows not built are estimated: exact for ASCII, and counting a 5 MB line's columns would cost a pass over it.
  const total = rows.length + Math.ceil((text.length - at) / width);
  if (rows.length === 0) rows.push('');
  return { rows, total: Math.max(1, total) };
}

/**
 * Text for one row. Records are sanitized when parsed; this is for the file's raw lines (the raw
 * view, a line that is not JSON), which go through the same sanitizer here.
 */
export function plain(text: string): string {
  return sanitizeLine(text);
}

/**
 * The last space at or before `from` and after `floor`, or -1. Bounded on purpose: lastIndexOf
 * would scan back to the start of a 5 MB answer without spaces for every row it wraps.
 */
function lastSpace(text: string, from: number, floor: number): number {
  for (let i = from; i > floor; i--) if (text.charCodeAt(i) === 32) return i;
  return -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
