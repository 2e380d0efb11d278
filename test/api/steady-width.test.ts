import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { steadyWidth } from '../../src/api/steady-width.js';

/** The width a terminal that adds up code points (tmux, xterm.js) gives: each one's own. */
function summedWidth(text: string): number {
  return Array.from(text).reduce((sum, ch) => sum + stringWidth(ch), 0);
}

describe('steadyWidth: clusters whose width terminals dispute become code points of agreed width', () => {
  it.each([
    ['a ZWJ family', 'Family 👨‍👩‍👧‍👦 outing', 'Family 👨 outing'],
    ['a ZWJ flag', '🏳️‍🌈 pride', '🏳 pride'],
    ['a ZWJ profession with a skin tone', '🧑🏽‍💻 dev', '🧑 dev'],
    ['a skin tone', 'ok 👍🏽', 'ok 👍'],
    ['VS16', 'I ❤️ it', 'I ❤ it'],
    ['a flag', 'from 🇯🇵 and 🇫🇷', 'from JP and FR'],
    ['a keycap', 'press 1️⃣', 'press 1'],
    ['a tag sequence', '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland', '🏴 Scotland'],
  ])('%s', (_what, given, expected) => {
    const steady = steadyWidth(given);
    expect(steady).toBe(expected);
    // What a summing terminal draws is what a layout counts: the row cannot wrap.
    expect(summedWidth(steady)).toBe(stringWidth(steady));
  });

  it('leaves text with nothing disputed as it is: plain, accented, CJK, a single emoji, combining marks', () => {
    for (const text of ['plain ascii', 'café é', '日本語のテキスト', 'smile 🙂 ok', 'e\u0301'])
      expect(steadyWidth(text)).toBe(text);
  });

  it('never leaves half a surrogate pair', () => {
    const steady = steadyWidth('👨‍👩‍👧‍👦'.repeat(50) + '🇯🇵'.repeat(50));
    expect(steady).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
