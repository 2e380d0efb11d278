// Text whose width every terminal agrees on. A row is laid out by counting columns; if the
// terminal draws a character wider than counted, the row wraps and the screen is torn. Terminals
// disagree on the clusters of several code points that one emoji glyph is made of: tmux and
// xterm.js add up each part (👨‍👩‍👧 is 6 columns there, 2 in a font-shaping terminal), a flag is 1,
// 2 or 4, a skin tone or VS16 adds a column in some and none in others. Single code points have
// widths terminals share (Unicode's East Asian Width and emoji presentation), so each disputed
// cluster becomes code points of undisputed width, keeping as much of its look as it can:
//
//   👨‍👩‍👧 → 👨 (the first emoji of a ZWJ sequence)     👍🏽 → 👍 (no skin tone)
//   ❤️ → ❤ (no VS16 or VS15: text presentation)        🇯🇵 → JP (regional indicators as letters)
//   1️⃣ → 1 (no keycap)                                 🏴󠁧󠁢󠁳󠁣󠁴󠁿 → 🏴 (no tag characters)

const ZWJ = 0x200d;

/** Code points that only ever take part in a disputed cluster (by number: they cannot be written in a regex class readably). */
function disputed(cp: number): boolean {
  return (
    cp === ZWJ ||
    cp === 0xfe0e ||
    cp === 0xfe0f ||
    cp === 0x20e3 ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    isRegionalIndicator(cp) ||
    (cp >= 0xe0020 && cp <= 0xe007f)
  );
}

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Dropped from a cluster: selectors, the keycap, skin tones, tags. */
function dropped(cp: number): boolean {
  return disputed(cp) && cp !== ZWJ && !isRegionalIndicator(cp);
}

/** Every disputed code point is at or above U+200D: text with nothing there needs no closer look. */
const MAYBE_DISPUTED = /[^\t-\u200c]/;

function hasDisputed(text: string): boolean {
  if (!MAYBE_DISPUTED.test(text)) return false;
  for (const ch of text) if (disputed(ch.codePointAt(0)!)) return true;
  return false;
}

/** A cluster as code points of agreed width. */
function steadyCluster(cluster: string): string {
  let out = '';
  for (const ch of cluster) {
    const cp = ch.codePointAt(0)!;
    // A ZWJ sequence shows its first member alone.
    if (cp === ZWJ) break;
    if (dropped(cp)) continue;
    out += isRegionalIndicator(cp) ? String.fromCharCode(0x41 + cp - 0x1f1e6) : ch;
  }
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** `text` with every cluster whose width terminals dispute replaced by code points of agreed width (see above). */
export function steadyWidth(text: string): string {
  // Almost all text has none of them: no segmenting, no new string.
  if (!hasDisputed(text)) return text;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of segmenter.segment(text)) out += hasDisputed(segment) ? steadyCluster(segment) : segment;
  return out;
}
