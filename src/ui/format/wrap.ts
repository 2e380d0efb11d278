import { cellWidth, takeWidth } from './fit.js';

/**
 * Breaks text into rows of at most `width` columns at spaces (long words are cut, between whole
 * characters), for the places where a message must be read whole rather than truncated. At most
 * `maxRows` rows: the last one ends in … when text is left over.
 */
export function wrapText(text: string, width: number, maxRows = Infinity): string[] {
  if (width <= 0) return [];
  const rows: string[] = [];
  let rest = text.trim();
  while (rest.length > 0 && rows.length < maxRows) {
    const fits = takeWidth(rest, width);
    if (fits.length === rest.length) {
      rows.push(rest);
      rest = '';
      break;
    }
    // A space right after what fits is a clean break too.
    const space = rest[fits.length] === ' ' ? fits.length : fits.lastIndexOf(' ');
    // A character wider than the whole row still goes (alone), so the loop always moves on.
    const cut = space > fits.length / 3 ? space : Math.max(fits.length, firstCharLength(rest));
    rows.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 && rows.length > 0) {
    const last = rows[rows.length - 1]!;
    rows[rows.length - 1] = `${cellWidth(last) >= width ? takeWidth(last, width - 1) : last}…`;
  }
  return rows;
}

function firstCharLength(text: string): number {
  return String.fromCodePoint(text.codePointAt(0) ?? 0).length;
}
