import { createHash, randomBytes } from 'node:crypto';

/**
 * Deterministic helpers. Everything the simulator makes up (answers, failures, output order) is
 * derived from hashes of the request, so the same input always gives the same result.
 */

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A number in [0, 1) that depends only on `text`. */
export function unitFraction(text: string): number {
  return Number.parseInt(sha256Hex(text).slice(0, 12), 16) / 2 ** 48;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** mulberry32: a tiny seeded PRNG; good enough for fault injection and shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFrom(text: string): number {
  return Number.parseInt(sha256Hex(text).slice(0, 8), 16);
}

/** JSON with object keys sorted, so that key order does not change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
