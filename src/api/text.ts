// The one sanitizer for text that came from outside (a server's answer, a file on disk) and may
// reach a terminal. A terminal obeys what it is sent: ESC and the C1 introducers (U+009B CSI,
// U+009D OSC, …) start sequences that recolour, retitle, hide text, plant links or write the
// clipboard; BEL, CR and BS move or sound; bidi and zero-width format characters reorder or hide
// what is shown. None of them carries meaning in an id, a model name or a message, so none passes.
//
// What becomes of them:
// - control characters (C0 but the allowed whitespace, DEL, C1) and lone surrogates become U+FFFD:
//   a visible mark, so the user sees that the server or file sent something odd, and two values
//   that differ only there do not look the same;
// - bidi controls and the invisible format characters are dropped: they have no look of their
//   own, and without them the text shows in the order it is stored (a ZWJ between two emoji stays,
//   so 👩‍💻 keeps its one glyph);
// - tab and line breaks: kept in multi-line text (CRLF, CR, VT, FF, U+2028/9 become one LF), a
//   space in a single-line value, so a row can neither wrap nor be overwritten from its start;
// - emoji clusters whose width terminals dispute (a ZWJ family, a flag, a skin tone) become code
//   points of agreed width (see steady-width.ts), so a row measured by us is the row drawn.

import { steadyWidth } from './steady-width.js';

const REPLACEMENT = '\uFFFD';
const ZWJ = '\u200D';

const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /\r\n|[\t\n\v\f\r\u2028\u2029]|[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDFFF]|[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

const LINE_BREAK = /^(?:\r\n|[\n\v\f\r\u2028\u2029])$/u;
const INVISIBLE = /^[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** What may sit between an emoji and the ZWJ that joins it to the next: VS16, a skin tone. */
const EMOJI_MODIFIER = /^(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])$/u;

/** A ZWJ joining two emoji (👨‍👩‍👧, 🏳️‍🌈, 🧑🏽‍💻): part of one glyph, so it stays. */
function joinsEmoji(text: string, at: number): boolean {
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0);
  if (!PICTOGRAPH.test(after)) return false;
  let before = at;
  const previous = (): string => {
    const low = text.charCodeAt(before - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && before >= 2;
    const ch = text.slice(before - (pair ? 2 : 1), before);
    before -= ch.length;
    return ch;
  };
  if (before === 0) return false;
  let ch = previous();
  if (EMOJI_MODIFIER.test(ch) && before > 0) ch = previous();
  return PICTOGRAPH.test(ch);
}

function clean(text: string, multiline: boolean): string {
  // Most text has nothing to clean: no new string for it.
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch: string, at: number) => {
    if (ch === '\t') return multiline ? '\t' : ' ';
    if (LINE_BREAK.test(ch)) return multiline ? '\n' : ' ';
    if (ch === ZWJ) return joinsEmoji(text, at) ? ZWJ : '';
    if (INVISIBLE.test(ch)) return '';
    return REPLACEMENT;
  });
}

/**
 * A single-line value from outside (an id, a status, a model, a name, an error message): safe to
 * show on one row of a terminal. Tabs and line breaks become spaces.
 */
export function sanitizeLine(text: string): string {
  return steadyWidth(clean(text, false));
}

/** Multi-line text from outside (an answer, a prompt): as sanitizeLine, but tabs and line breaks (as LF) stay. */
export function sanitizeText(text: string): string {
  return steadyWidth(clean(text, true));
}

/** sanitizeLine, with runs of spaces made one and the ends trimmed: a name or a message on one row. */
export function oneLine(text: string): string {
  return sanitizeLine(text).replace(/ {2,}/g, ' ').trim();
}

/** sanitizeLine for a value that may be absent. */
export function sanitizeLineOrNull(text: string | null): string | null {
  return text === null ? null : sanitizeLine(text);
}

// Everything JSON.stringify leaves raw that a terminal would act on or that hides or reorders
// text: DEL, C1, U+2028/9 (line breaks to some readers), bidi and zero-width controls, and lone
// surrogates (JSON.stringify already escapes those and C0).
const JSON_UNSAFE = /[\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * JSON.stringify whose output is safe on a terminal and means the same: the characters above are
 * written as `\u0080`-style escapes, which every JSON reader turns back into the same string.
 */
export function terminalSafeJson(value: unknown, space?: number): string | undefined {
  const text = JSON.stringify(value, null, space);
  return text?.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
