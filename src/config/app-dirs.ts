import { homedir } from 'node:os';
import { isAbsolute, join, win32 } from 'node:path';

const APP_DIR_NAME = 'fizz-batch';

export interface AppDirEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** Where each kind of directory lives on each platform (the XDG base directory spec on Linux). */
const PLACES = {
  // As env-paths (conf's default) has always put config.json, so a saved config stays found.
  config: {
    xdg: 'XDG_CONFIG_HOME',
    linux: ['.config'],
    darwin: ['Library', 'Preferences'],
    windowsBase: 'APPDATA',
    windows: 'Config',
  },
  cache: {
    xdg: 'XDG_CACHE_HOME',
    linux: ['.cache'],
    darwin: ['Library', 'Caches'],
    windowsBase: 'LOCALAPPDATA',
    windows: 'Cache',
  },
  state: {
    xdg: 'XDG_STATE_HOME',
    linux: ['.local', 'state'],
    darwin: ['Library', 'Application Support'],
    windowsBase: 'LOCALAPPDATA',
    windows: 'State',
  },
} as const;

/**
 * fizz-batch's directory of a kind: $XDG_…_HOME/fizz-batch (only when absolute: the XDG spec says
 * to ignore a relative one), else the platform's place — ~/.config, ~/.cache or ~/.local/state on
 * Linux, ~/Library/… on macOS, %APPDATA% or %LOCALAPPDATA%\fizz-batch\Config, Cache or State on
 * Windows.
 */
export function appDir(
  kind: keyof typeof PLACES,
  { env = process.env, platform = process.platform, home = homedir() }: AppDirEnvironment = {},
): string {
  const place = PLACES[kind];
  const xdg = env[place.xdg]?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, APP_DIR_NAME);
  if (platform === 'darwin') return join(home, ...place.darwin, APP_DIR_NAME);
  if (platform === 'win32') {
    const fallback =
      place.windowsBase === 'APPDATA' ? win32.join(home, 'AppData', 'Roaming') : win32.join(home, 'AppData', 'Local');
    return win32.join(env[place.windowsBase]?.trim() || fallback, APP_DIR_NAME, place.windows);
  }
  return join(home, ...place.linux, APP_DIR_NAME);
}
