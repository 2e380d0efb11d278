import { describe, expect, it } from 'vitest';
import { ApiError, redact, registerSecret, toApiError } from '../../src/api/index.js';
import { errorMessage } from '../../src/ui/format/errors.js';

// A key echoed back by a server or a proxy rarely comes back as it was sent. Each form below sits
// in an error message or a log line as a server would put it there; none may survive redact().

// Not of a shape the pattern rules know (sk-…): only the registered key's forms can catch it.
const key = 'fz_live_Zx81LmQ0pT7vRk2WcY9a';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every run of base64 characters in `text`, decoded: what a reader could turn back into the key. */
function decodedRuns(text: string): string[] {
  return (text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []).map((run) =>
    Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'),
  );
}

/** No trace of the key: not in the text in any case, not in anything base64 in it. */
function expectNoKey(text: string, secret = key): void {
  expect(text.toLowerCase()).not.toContain(secret.slice(8).toLowerCase());
  for (const decoded of decodedRuns(text)) expect(decoded).not.toContain(secret.slice(8, -3));
  expect(text).toContain('[redacted]');
}

describe('redact catches the key in other forms', () => {
  it.each([
    ['upper case', `Invalid API key: ${key.toUpperCase()}`],
    ['mixed case', `401 for key ${key.slice(0, 10).toLowerCase()}${key.slice(10).toUpperCase()} (rejected)`],
    ['base64', `proxy log: x-upstream-key=${b64(key)} forwarded`],
    ['base64url', `token ${b64(key).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')} refused`],
    ['Basic auth, key alone (":key")', `Authorization: Basic ${b64(`:${key}`)}`],
    ['Basic auth, user:key, user of 1', `Authorization: Basic ${b64(`a:${key}`)}`],
    ['Basic auth, user:key, user of 2', `Authorization: Basic ${b64(`ab:${key}`)}`],
    ['Basic auth, user:key, user of 3', `Authorization: Basic ${b64(`api:${key}`)}`],
    ['a long prefix, cut short', `The key ${key.slice(0, 14)}… is not valid for this organization`],
    ['a long prefix, then something else', `unknown key ${key.slice(0, 16)}QQQQ`],
  ])('%s', (_, line) => {
    expectNoKey(redact(line, [key]));
  });

  it('URL-encoded, in either case of hex digit', () => {
    const secret = 'gw/Key+Secret=Value:0123456789';
    const encoded = encodeURIComponent(secret);
    expect(encoded).not.toBe(secret);
    for (const line of [
      `GET /v1/batches?key=${encoded} → 401`,
      `GET /v1/batches?key=${encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())} → 401`,
    ]) {
      const out = redact(line, [secret]);
      expect(out).not.toContain('Secret');
      expect(out.toLowerCase()).not.toContain(encoded.toLowerCase());
      expect(out).toContain('[redacted]');
    }
  });

  it('in an ApiError and an error shown on screen, for a key the client registered', () => {
    const registered = 'kx-live-8Hq2Nf0Zr4Lp6Tb1';
    registerSecret(registered);
    expectNoKey(
      new ApiError({ kind: 'auth', message: `The server said: key ${registered.toUpperCase()} unknown` }).message,
      registered,
    );
    expectNoKey(toApiError(new Error(`echo ${b64(`user:${registered}`)}`), {}).message, registered);
    expectNoKey(errorMessage(new Error(`prefix ${registered.slice(0, 13)}… rejected`)), registered);
  });

  it('leaves text without the key alone: a piece from its middle, other base64', () => {
    const line = `${key.slice(3, 15)} is part of the key but not its start; ${b64('something else entirely')} is other base64`;
    expect(redact(line, [key])).toBe(line);
  });
});
