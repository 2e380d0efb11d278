import stringWidth from 'string-width';

// Fitting text into columns. A terminal draws by columns, not by UTF-16 units: 界 and 🙂 take
// two, a combining accent none, and a cut between the two halves of a surrogate pair or inside a
// cluster (e + ◌́) leaves a broken character. Every cut and pad of text that reaches the screen
// goes through here: it measures with string-width (what Ink measures with) and cuts only
// between whole grapheme clusters.

// Made on first use (ICU data): plain ASCII, the common case, never needs it.
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string) => (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text);
/** Printable ASCII only: one column per character, so lengths are widths. */
const PLAIN = /^[\x20-\x7e]*$/;

/** Columns `text` takes on a terminal. */
export function cellWidth(text: string): number {
  return PLAIN.test(text) ? text.length : stringWidth(text);
}

/** The longest start of `text` that fits in `width` columns, made of whole clusters. */
export function takeWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (PLAIN.test(text)) return text.slice(0, width);
  let out = '';
  let used = 0;
  for (const { segment } of graphemes(text)) {
    const w = stringWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return out;
}

/** Cuts text to `width` columns with an ellipsis (for cells that must never wrap). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  return `${takeWidth(text, width - 1)}…`;
}

/** `text` cut to `width` columns (with …) and padded with spaces to exactly `width`. */
export function fitWidth(text: string, width: number): string {
  const fitted = truncate(text, width);
  return fitted + ' '.repeat(Math.max(0, width - cellWidth(fitted)));
}

/** A table cell: cut to `width` columns (with …) and padded to exactly `width`, left or right aligned. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const fitted = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - cellWidth(fitted)));
  return align === 'right' ? pad + fitted : fitted + pad;
}

/** `text` padded with spaces to `width` columns (not cut: for text known to fit). */
export function padWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cellWidth(text)));
}

/**
 * Where the longest start of text[at, limit) that fits in `width` columns ends (an index into
 * text), made of whole clusters; `at` itself when not even one cluster fits. For wrapping long
 * text without copying it: only a window of the text is looked at, and ASCII is counted directly.
 */
export function fitEnd(text: string, at: number, limit: number, width: number): number {
  if (width <= 0 || at >= limit) return at;
  // A cluster of more than 8 code units is rare enough that a row of them may end early.
  const window = text.slice(at, Math.min(limit, at + width * 8));
  if (PLAIN.test(window)) return at + Math.min(window.length, width);
  return at + takeWidth(window, width).length;
}

/** The longest end of `text` that fits in `width` columns, made of whole clusters. */
export function takeEndWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (PLAIN.test(text)) return text.slice(Math.max(0, text.length - width));
  const clusters = Array.from(graphemes(text), (s) => s.segment);
  let out = '';
  let used = 0;
  for (let i = clusters.length - 1; i >= 0; i--) {
    const w = stringWidth(clusters[i]!);
    if (used + w > width) break;
    out = clusters[i]! + out;
    used += w;
  }
  return out;
}

/**
 * A filename cut to a cell in the middle: the end tells files apart (`…_output.jsonl` from
 * `…_error.jsonl`, the extension), the start tells what they belong to (`batch_c1c56e…`).
 */
export function fitFilename(name: string, width: number): string {
  if (cellWidth(name) <= width) return name;
  if (width <= 8) return cell(name, width);
  const end = takeEndWidth(name, Math.min(20, Math.floor((width - 1) / 2)));
  return `${takeWidth(name, width - 1 - cellWidth(end))}…${end}`;
}
