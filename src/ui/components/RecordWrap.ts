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
    let end: number;
    if (to - at <= width) {
      end = to;
    } else {
      const space = lastSpace(text, at + width, at + width / 3);
      end = space >= 0 ? space : at + width;
      // Never split a surrogate pair: half an emoji shows as garbage.
      if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
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
  const total = Math.max(1, Math.ceil(text.length / width));
  for (let at = 0; at < text.length && rows.length < maxRows; at += width) rows.push(plain(text.slice(at, at + width)));
  if (rows.length === 0) rows.push('');
  return { rows, total };
}

/**
 * Text for one row: tabs and control characters become spaces, so nothing from a file can move
 * the cursor, wrap the row or send an escape sequence to the terminal.
 */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
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
