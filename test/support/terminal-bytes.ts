/**
 * What a program wrote to a terminal, less the sequences the app builds itself: whatever control
 * is left came from data (a server, a file) and would act on the user's terminal.
 *
 * The app's own sequences, all of them:
 * - SGR from the theme (colours, bold, dim, inverse, underline), never blink (5, 6) or conceal (8);
 * - what Ink draws frames with: cursor up (`CSI n A`), next line (`CSI E`), column (`CSI n G`),
 *   erase line (`CSI K`), and DEC private modes (`CSI ? n h/l`: alternate screen, cursor,
 *   synchronized output, bracketed paste);
 * - OSC 52 (copy) with a base64 payload, and OSC 9 (notification) with printable text, each
 *   ended by BEL, only when the app sends them (`y`, a watched job ending); the bell (BEL) that
 *   follows a notification.
 */

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[([0-9;]*)m/g;
// eslint-disable-next-line no-control-regex
const INK_CURSOR = /\u001b\[(?:\d*A|E|\d*G|K|\?\d+[hl])/g;
// eslint-disable-next-line no-control-regex
const OSC52 = /\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/g;
/** A notification, and the bell that follows it when the bell is on. */
// eslint-disable-next-line no-control-regex
const OSC9 = /\u001b\]9;([^\u0000-\u001f\u007f-\u009f]*)\u0007\u0007?/g;

/** The start of one of the app's own sequences, cut by the end of what was read so far. */
// eslint-disable-next-line no-control-regex
const PARTIAL_AT_END = /\u001b(?:\[[0-9;?]*|\]52;c;[A-Za-z0-9+/=]*|\]9;[^\u0000-\u001f\u007f-\u009f]*)?$/;

/** Blink, rapid blink and conceal: SGR the theme never uses and a server would. */
function hostileSgr(params: string): boolean {
  const list = params === '' ? [] : params.split(';').map(Number);
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    // 38/48;5;n and 38/48;2;r;g;b carry colour numbers, not attributes.
    if (p === 38 || p === 48 || p === 58) i += list[i + 1] === 5 ? 2 : 4;
    else if (p === 5 || p === 6 || p === 8) return true;
  }
  return false;
}

export interface OwnSequences {
  /** What the clipboard received, decoded, for each OSC 52 the app sent. */
  copied: string[];
  /** The text of each OSC 9 notification. */
  notified: string[];
  /** The output without the app's own sequences. */
  rest: string;
}

/** The output (raw bytes, decoded as UTF-8) with the app's own sequences taken out. */
export function withoutOwnSequences(raw: Buffer): OwnSequences {
  const copied: string[] = [];
  const notified: string[] = [];
  const rest = raw
    .toString('utf8')
    .replace(OSC52, (_, payload: string) => {
      copied.push(Buffer.from(payload, 'base64').toString('utf8'));
      return '';
    })
    .replace(OSC9, (_, text: string) => {
      notified.push(text);
      return '';
    })
    .replace(SGR, (sequence, params: string) => (hostileSgr(params) ? sequence : ''))
    .replace(INK_CURSOR, '')
    // Output read while the program writes may end inside one of its sequences.
    .replace(PARTIAL_AT_END, '');
  return { copied, notified, rest };
}

// eslint-disable-next-line no-control-regex
const FOREIGN = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Every control character left in `text` (LF and CR excepted: the pty turns each LF Ink writes
 * into CR LF), each with a little context, e.g. `"\u001b" in "…]0;pwned…"`; empty when there is none.
 */
export function foreignControls(text: string): string[] {
  return [...text.matchAll(FOREIGN)]
    .slice(0, 10)
    .map((m) => `${JSON.stringify(m[0])} in ${JSON.stringify(text.slice(Math.max(0, m.index - 12), m.index + 20))}`);
}

// What no string may hold once it has passed the boundary (see src/api/text.ts): C0 but tab and
// LF, DEL, C1, bidi and zero-width controls, lone surrogates.
const UNSAFE_STRING =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udfff]/u;

/** Every string in a value (keys included), each with where it is: `items[0].metadata.description`. */
export function strings(value: unknown, at = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push([`${at}.${key} (the key)`, key]);
      strings(v, `${at}.${key}`, out);
    }
  }
  return out;
}

/** Where a value holds a string (or a key) that has not passed the sanitizer, e.g. `[0].model: "gpt\\u001b…"`. */
export function unsafeStrings(value: unknown): string[] {
  return strings(value)
    .filter(([, s]) => UNSAFE_STRING.test(s))
    .map(([where, s]) => `${where}: ${JSON.stringify(s.slice(0, 40))}`);
}
