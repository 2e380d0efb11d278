import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, fileError } from '../../api/index.js';
import { appDir, type AppDirEnvironment } from '../../config/index.js';

/**
 * Where downloaded result files are kept between runs: the platform's cache directory (files there
 * may be deleted by the system or the user at any time, and are fetched again). Each provider has
 * its own folder, because a file id is only unique on the server that issued it.
 */

/** FIZZ_CACHE_DIR, else the platform's cache directory (see appDir: ~/.cache/fizz-batch on Linux). */
export function defaultCacheDir(environment: AppDirEnvironment = {}): string {
  const own = (environment.env ?? process.env)['FIZZ_CACHE_DIR']?.trim();
  return own || appDir('cache', environment);
}

/**
 * A short, stable name for a provider: a hash of its base URL, normalized so that
 * `https://API.fizz.ai/v1/` and `https://api.fizz.ai/v1` share a folder. The URL is hashed, never
 * written out, so nothing of it (a token in a query string) lands on disk.
 */
export function hostKeyOf(baseURL: string): string {
  let normal = baseURL.trim();
  try {
    const url = new URL(normal);
    normal = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    // Not a URL: hash it as given, it still separates providers.
  }
  return createHash('sha256').update(normal).digest('hex').slice(0, 16);
}

/** `<cacheDir>/files/<hostKey>`, created (owner only) when missing. */
export async function ensureFilesDir(cacheDir: string, hostKey: string): Promise<string> {
  const dir = join(cacheDir, 'files', hostKey);
  try {
    // Results may hold anything the prompts and answers held: owner only.
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const problem = fileError(e, dir, 'create the cache directory');
    throw new ApiError({
      kind: problem.kind,
      message: `${problem.message} Set FIZZ_CACHE_DIR to use another directory.`,
      ...(problem.code ? { code: problem.code } : {}),
    });
  }
  return dir;
}
