import { statSync } from 'node:fs';
import type { Config } from './schema.js';

/**
 * A warning when the config file holds an API key and users other than its owner may open it
 * (mode & 0o077), naming the file and the fix; else null. fizz-batch writes new files 0600 but
 * does not change a mode the user set: it says so instead, once. Windows has no such mode bits.
 */
export function exposedKeysWarning(
  path: string,
  config: Config,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (platform === 'win32' || !config.profiles.some((profile) => profile.apiKey)) return null;
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return null;
  }
  if ((mode & 0o077) === 0) return null;
  const readable = (mode & 0o044) !== 0;
  const writable = (mode & 0o022) !== 0;
  const how = readable && writable ? 'readable and writable' : readable ? 'readable' : writable ? 'writable' : 'open';
  // Short enough for one status line: the file is named in the command that fixes it.
  return `API keys ${how} by other users (mode ${(mode & 0o777).toString(8).padStart(3, '0')}): chmod 600 ${path}`;
}
