// The shapes a key takes when it leaks: a server or a proxy echoing it back changes its case, puts
// it in Basic auth (base64 of `user:key`), URL-encodes it, or cuts it short ("sk-proj-Abc123…").
// redact() removes every one of them, not only the key exactly as it was given.

/** A prefix this long identifies a key (a provider's fixed head, such as `sk-proj-`, is 8). */
export const KEY_PREFIX_LENGTH = 12;

const cache = new Map<string, readonly RegExp[]>();

/** Patterns (global) matching `secret` in every form above; longest forms first. */
export function secretPatterns(secret: string): readonly RegExp[] {
  let patterns = cache.get(secret);
  if (!patterns) {
    patterns = build(secret);
    cache.set(secret, patterns);
  }
  return patterns;
}

function build(secret: string): RegExp[] {
  const patterns: RegExp[] = [];
  // Base64 (and base64url) at each of the three alignments a key can have inside an encoded
  // string (`user:key` puts it anywhere): the characters that encode key bytes alone are the
  // same whatever surrounds it. Case matters in base64, so these match exactly.
  for (const core of base64Cores(secret)) {
    patterns.push(new RegExp(escape(core), 'g'));
    const url = core.replace(/\+/g, '-').replace(/\//g, '_');
    if (url !== core) patterns.push(new RegExp(escape(url), 'g'));
  }
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) patterns.push(new RegExp(escape(encoded), 'gi'));
  // The key in any case.
  patterns.push(new RegExp(escape(secret), 'gi'));
  // A long prefix, however it goes on: the key cut short, or changed after its first characters.
  if (secret.length > KEY_PREFIX_LENGTH)
    patterns.push(new RegExp(`${escape(secret.slice(0, KEY_PREFIX_LENGTH))}[A-Za-z0-9_-]*`, 'gi'));
  return patterns;
}

/**
 * For each alignment (0, 1, 2 bytes before the key within its 3-byte group), the base64 characters
 * made of key bytes only. Shorter than 8 characters, a core could match ordinary text: skipped.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), bytes]).toString('base64');
    const from = Math.ceil(align / 3) * 4;
    const to = Math.floor((align + bytes.length) / 3) * 4;
    const core = encoded.slice(from, to);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
