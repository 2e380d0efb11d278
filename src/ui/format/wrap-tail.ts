import { cellWidth, takeWidth } from './fit.js';
import { wrapText } from './wrap.js';

/**
 * Wraps `text` into at most `maxRows` rows of `width`, with `tail` at its end kept whole: when the
 * text is too long it is the text that is cut (with …), never the tail. For an error message with
 * its retry countdown: "✗ stale: The server … · retry in 12s".
 */
export function wrapKeepingTail(text: string, tail: string, width: number, maxRows: number): string[] {
  const whole = wrapText(`${text}${tail}`, width, maxRows);
  if (!whole.at(-1)?.endsWith('…') || tail === '') return whole;
  // Too long: the message gives way, its last row ending in … just before the tail.
  const rows = wrapText(text, width, maxRows);
  const room = Math.max(1, width - cellWidth(tail));
  const last = rows.at(-1) ?? '';
  const cut = last.endsWith('…') ? last.slice(0, -1) : last;
  rows[rows.length - 1] = takeWidth(
    `${cellWidth(cut) >= room ? takeWidth(cut, room - 1) : cut}…${tail}`,
    Math.max(width, cellWidth(tail)),
  );
  return rows;
}
