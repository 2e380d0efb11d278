// Secrets out of every text that leaves the API layer: the keys it was given, and anything shaped
// like an API key.
import { secretPatterns } from './secret-forms.js';

// Keys handed to createBatchClient are registered here, so that even a message built far from the
// client (a crash report, a CLI error line) can be scrubbed with redact(text).
const registeredSecrets = new Set<string>();

export function registerSecret(secret: string | null | undefined): void {
  if (secret && secret.length >= 4) registeredSecrets.add(secret);
}

const REDACTED = '[redacted]';
const KEY_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[^\s"',;]+/gi, // Authorization header values
  /\b(?:sk|gsk)[-_][A-Za-z0-9*._-]{8,}/g, // sk-…, sk-proj-…, gsk_… and OpenAI's "sk-test-****1234" echoes
  /\b(api[-_]?key|x-api-key|access[-_]?token)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi, // key=value, "api_key": "…"
];

/** Remove every known secret and anything that looks like an API key from `text`. */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  const all = [...secrets, ...registeredSecrets].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // Longest first, so a key that contains another registered key is removed whole; each in every
  // form it leaks in (other case, base64, URL-encoded, a long prefix).
  for (const secret of all.sort((a, b) => b.length - a.length)) {
    for (const pattern of secretPatterns(secret)) out = out.replace(pattern, REDACTED);
  }
  for (const pattern of KEY_PATTERNS) {
    out = out.replace(pattern, (match, name?: string, sep?: string) =>
      typeof name === 'string' && typeof sep === 'string'
        ? `${name}${sep}${REDACTED}`
        : match.toLowerCase().startsWith('bearer')
          ? `Bearer ${REDACTED}`
          : REDACTED,
    );
  }
  return out;
}

/** `sk-…abcd`: first 3 characters and last 4. Short keys give less away: '…' + last 2, or '****'. */
export function maskKey(key: string | null | undefined): string {
  if (!key) return '';
  if (key.length >= 12) return `${key.slice(0, 3)}…${key.slice(-4)}`;
  if (key.length >= 6) return `…${key.slice(-2)}`;
  return '****';
}
