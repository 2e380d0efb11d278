import { readFileSync } from 'node:fs';

/**
 * Read from package.json at run time so the version is never stale. The file sits a different
 * number of folders up from src/, from tsc's dist/ and from the bundle's chunks: look upwards.
 */
export function version(): string {
  for (const up of ['../', '../../', '../../../']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'fizz-batch' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return 'unknown';
}
