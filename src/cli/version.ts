import { readFileSync } from 'node:fs';

/** Read from package.json at run time so the version is never stale; works from src/ and dist/. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
