import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText, terminalSafeJson } from '../../src/api/text.js';

const FFFD = '\uFFFD';

describe('sanitizeLine: what a terminal would act on never passes', () => {
  it('replaces ESC, BEL, BS, NUL and the other C0 controls with a visible mark', () => {
    expect(sanitizeLine('a\u001b]0;pwned\u0007b')).toBe(`a${FFFD}]0;pwned${FFFD}b`);
    expect(sanitizeLine('ok\bX\u0000\u001f')).toBe(`ok${FFFD}X${FFFD}${FFFD}`);
    expect(sanitizeLine('\u001b[2J\u001b[5mblink')).toBe(`${FFFD}[2J${FFFD}[5mblink`);
  });

  it('replaces DEL and every C1 control (U+0080–U+009F), e.g. the OSC and ST introducers', () => {
    expect(sanitizeLine('\u009d52;c;SGVsbG8=\u009c')).toBe(`${FFFD}52;c;SGVsbG8=${FFFD}`);
    expect(sanitizeLine('x\u007f\u0080\u009b31m\u009f')).toBe(`x${FFFD}${FFFD}${FFFD}31m${FFFD}`);
  });

  it('keeps a value on one row: tabs and line breaks (CR, LF, CRLF, VT, FF, U+2028/9) become a space', () => {
    expect(sanitizeLine('a\tb\nc\r\nd\re\u000bf\u000cg\u2028h\u2029i')).toBe('a b c d e f g h i');
  });

  it('drops bidi controls, so text shows in the order it is stored', () => {
    expect(sanitizeLine('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(sanitizeLine('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Cx')).toBe('x');
  });

  it('drops zero-width and invisible format characters', () => {
    expect(sanitizeLine('batch\u200B_1\u200C\u200D\uFEFF\u2060\u2061\u2062\u2063\u2064')).toBe('batch_1');
  });

  it('replaces a lone surrogate, high or low, and keeps a pair whole', () => {
    expect(sanitizeLine('a\uD83Db')).toBe(`a${FFFD}b`);
    expect(sanitizeLine('a\uDE00b')).toBe(`a${FFFD}b`);
    expect(sanitizeLine('end\uD83D')).toBe(`end${FFFD}`);
    expect(sanitizeLine('😀')).toBe('😀');
  });

  it('keeps emoji as glyphs of agreed width: a ZWJ sequence as its first member, flags as letters, no selectors', () => {
    const shown: Record<string, string> = {
      '👩‍💻': '👩',
      '👨‍👩‍👧': '👨',
      '🏳️‍🌈': '🏳',
      '🧑🏽‍💻': '🧑',
      '🏴‍☠️': '🏴',
      '🇯🇵': 'JP',
      '1️⃣': '1',
      '❤️': '❤',
      '🙂': '🙂',
    };
    for (const [emoji, steady] of Object.entries(shown)) expect(sanitizeLine(`[${emoji}]`)).toBe(`[${steady}]`);
  });

  it('leaves ordinary text alone, scripts and accents included', () => {
    for (const text of ['batch_abc123', 'gpt-4o-mini', 'Grüße, 日本語, עברית, العربية', 'a · b — c …', ''])
      expect(sanitizeLine(text)).toBe(text);
  });
});

describe('sanitizeText: multi-line text keeps its tabs and lines', () => {
  it('keeps tab and LF; CRLF, lone CR, VT, FF and U+2028/9 become one LF', () => {
    expect(sanitizeText('a\tb\nc\r\nd\re\u000bf\u000cg\u2028h\u2029i')).toBe('a\tb\nc\nd\ne\nf\ng\nh\ni');
  });

  it('still replaces every other control and drops bidi and zero-width ones', () => {
    expect(sanitizeText('line 1\n\u001b[31mred\u0007\n\u009b2J\u202E\u200B')).toBe(
      `line 1\n${FFFD}[31mred${FFFD}\n${FFFD}2J`,
    );
  });
});

describe('terminalSafeJson: JSON a terminal cannot act on, meaning the same', () => {
  const hostile = {
    id: '\u009d52;c;SGVsbG8=\u009c',
    text: 'a\u001b[2J\u0007\u202E\u200B\u2028\u007f\uD800',
    emoji: '👩‍💻',
  };

  it('escapes DEL, C1, U+2028/9, bidi and zero-width characters as \\u escapes', () => {
    const json = terminalSafeJson(hostile)!;
    // eslint-disable-next-line no-control-regex
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u200b-\u200f\ud800-\udfff]/u);
    expect(json).toContain('\\u009d52;c;SGVsbG8=\\u009c');
    expect(json).toContain('\\u202e');
  });

  it('parses back to the same value', () => {
    expect(JSON.parse(terminalSafeJson(hostile, 2)!)).toEqual(hostile);
  });

  it('is undefined for what JSON.stringify cannot write', () => {
    expect(terminalSafeJson(undefined)).toBeUndefined();
  });
});
