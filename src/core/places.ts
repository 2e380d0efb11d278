import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostOf, type Connection, type StateStore } from '../config/index.js';

/**
 * Where the user was, per connection: the directory the new-batch picker was last used in, and the
 * directory the pager last saved to. The picker starts in the first; `s` and `J` in the pager
 * propose the second (see proposeSaveDir for the whole order).
 */

/** What the pager needs: a directory to propose, and to be told where a save went. */
export interface SavePlaces {
  proposeSaveDir(): string;
  rememberSaveDir(dir: string): void;
}

/** Places are remembered per profile; a connection without one (FIZZ_BASE_URL, --base-url) per host. */
export function placesKeyOf(connection: Connection): string {
  if (connection.profile && connection.baseURLSource === 'profile') return `profile:${connection.profile.name}`;
  return `host:${hostOf(connection.baseURL)}`;
}

export interface PlacesOptions {
  store: StateStore;
  /** placesKeyOf(connection), or a name of its own ('view' for `fizz-batch view`). */
  key: string;
  /** Default: the user's home directory. */
  home?: string;
  /** The git checkout the program runs from (`npm run demo`); default: found from where this code is. */
  appCheckout?: string | null;
}

export class Places implements SavePlaces {
  constructor(private readonly options: PlacesOptions) {}

  /** The picker's last directory, as remembered (it may be gone: the picker then starts elsewhere). */
  get pickerDir(): string | null {
    return this.options.store.get(this.options.key).pickerDir ?? null;
  }

  rememberPickerDir(dir: string): void {
    if (this.pickerDir !== dir) this.options.store.remember(this.options.key, { pickerDir: dir });
  }

  rememberSaveDir(dir: string): void {
    if (this.options.store.get(this.options.key).saveDir !== dir)
      this.options.store.remember(this.options.key, { saveDir: dir });
  }

  /**
   * Where a save goes unless the user says otherwise: the last save directory, else the picker's
   * last directory, else ~/Downloads, else home — the first of them that is a directory now.
   * Never the program's own checkout (`npm run demo` starts there): results do not belong in it.
   */
  proposeSaveDir(): string {
    const { saveDir, pickerDir } = this.options.store.get(this.options.key);
    const home = this.options.home ?? homedir();
    const checkout = this.options.appCheckout !== undefined ? this.options.appCheckout : appCheckout();
    const pickerOk = pickerDir !== undefined && !(checkout !== null && isInside(pickerDir, checkout));
    const candidates = [saveDir, pickerOk ? pickerDir : undefined, join(home, 'Downloads')];
    return candidates.find((dir): dir is string => dir !== undefined && isDirectory(dir)) ?? home;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

let foundCheckout: string | null | undefined;

/** findAppCheckout from where this code is, looked up once. */
function appCheckout(): string | null {
  if (foundCheckout === undefined) foundCheckout = findAppCheckout(fileURLToPath(import.meta.url));
  return foundCheckout;
}

/**
 * The root of fizz-batch's own git checkout when `from` is in one (the nearest package.json up
 * from it is fizz-batch's, with a .git beside it), else null: a copy installed in node_modules
 * is not a checkout the program ships in.
 */
export function findAppCheckout(from: string): string | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const name = packageName(join(dir, 'package.json'));
    // A worktree's .git is a file naming the real one.
    if (name !== null) return name === 'fizz-batch' && exists(join(dir, '.git')) ? dir : null;
    if (dirname(dir) === dir) return null;
  }
}

function packageName(path: string): string | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { name?: unknown }).name === 'string'
      ? (parsed as { name: string }).name
      : null;
  } catch {
    return null;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
