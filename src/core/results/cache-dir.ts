import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, win32 } from 'node:path';
import { ApiError, fileError } from '../../api/index.js';

/**
 * Where downloaded result files are kept between runs: the platform's cache directory (files there
 * may be deleted by the system or the user at any time, and are fetched again). Each provider has
 * its own folder, because a file id is only unique on the server that issued it.
 */

export const APP_DIR_NAME = 'fizz-batch';

export interface CacheDirEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * FIZZ_CACHE_DIR, else $XDG_CACHE_HOME/fizz-batch, else the platform's place: ~/.cache/fizz-batch,
 * ~/Library/Caches/fizz-batch (macOS), %LOCALAPPDATA%\fizz-batch\Cache (Windows).
 */
export function defaultCacheDir({ env = process.env, platform = process.platform, home = homedir() }: CacheDirEnvironment = {}): string {
  const own = env['FIZZ_CACHE_DIR']?.trim();
  if (own) return own;
  // The XDG spec says to ignore a relative XDG_CACHE_HOME.
  const xdg = env['XDG_CACHE_HOME']?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Caches', APP_DIR_NAME);
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA']?.trim() || win32.join(home, 'AppData', 'Local');
    return win32.join(local, APP_DIR_NAME, 'Cache');
  }
  return join(home, '.cache', APP_DIR_NAME);
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
    throw new ApiError({ kind: problem.kind, message: `${problem.message} Set FIZZ_CACHE_DIR to use another directory.`, ...(problem.code ? { code: problem.code } : {}) });
  }
  return dir;
}
