import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import * as z from 'zod';
import { appDir, type AppDirEnvironment } from './app-dirs.js';

/**
 * What the console remembers between runs: where the user was, not how the program is set up, so
 * it lives apart from the profiles (config.json) in a small state file of its own:
 * $XDG_STATE_HOME/fizz-batch/state.json, by default ~/.local/state/fizz-batch/state.json.
 * It is a convenience: a missing, unreadable or corrupt file means "nothing remembered", never a
 * crash or a message, and a write that fails is dropped. Writes are atomic (a temporary file
 * renamed over the old one), so the file is never half-written.
 */

/** Where one connection's user was: the new-batch picker's directory and the pager's last save directory. */
export interface RememberedPlaces {
  pickerDir?: string;
  saveDir?: string;
}

export const STATE_FILE_NAME = 'state.json';
/** A state file larger than this is not ours (or not sane): it is ignored, not read into memory. */
const MAX_STATE_BYTES = 256 * 1024;
/** Connections remembered at most; the least recently changed go first. */
const MAX_ENTRIES = 100;

const directory = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => isAbsolute(path) && !path.includes('\0'));
const placesSchema = z.object({ pickerDir: directory.optional(), saveDir: directory.optional() });
const fileSchema = z.object({ version: z.literal(1), places: z.record(z.string().max(512), z.unknown()) });

/** Where state.json lives: see appDir (~/.local/state/fizz-batch on Linux). */
export function defaultStateDir(environment: AppDirEnvironment = {}): string {
  return appDir('state', environment);
}

/**
 * The remembered places, by connection key. `StateStore.inMemory()` keeps them for this run only
 * (the demo, tests); `StateStore.inDirectory(dir)` reads the file once, when first asked, and
 * writes each change in the background.
 */
export class StateStore {
  private entries: Map<string, RememberedPlaces> | null = null;
  /** Changes not written yet, by key: merged into the file as it is on disk when written. */
  private pending = new Map<string, RememberedPlaces>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(readonly path: string | null) {}

  static inMemory(): StateStore {
    return new StateStore(null);
  }

  static inDirectory(dir: string): StateStore {
    return new StateStore(join(dir, STATE_FILE_NAME));
  }

  get(key: string): RememberedPlaces {
    return { ...this.loaded().get(key) };
  }

  /** Remembers `patch` for `key` now; the file follows in the background. */
  remember(key: string, patch: RememberedPlaces): void {
    putLast(this.loaded(), key, patch);
    if (this.path === null) return;
    this.pending.set(key, { ...this.pending.get(key), ...patch });
    this.writing = this.writing.then(() => this.write());
  }

  /** Resolves when every change remembered so far has been written (or given up on). */
  flush(): Promise<void> {
    return this.writing;
  }

  private loaded(): Map<string, RememberedPlaces> {
    if (!this.entries) this.entries = this.path === null ? new Map() : parseState(readSmall(this.path));
    return this.entries;
  }

  private async write(): Promise<void> {
    if (this.path === null || this.pending.size === 0) return;
    const changes = this.pending;
    this.pending = new Map();
    try {
      // Read again: another console may have remembered places for other connections meanwhile.
      const current = parseState(await readFile(this.path, 'utf8').catch(() => null));
      for (const [key, patch] of changes) putLast(current, key, patch);
      const kept = [...current].slice(-MAX_ENTRIES);
      await writeAtomically(
        this.path,
        `${JSON.stringify({ version: 1, places: Object.fromEntries(kept) }, null, 2)}\n`,
      );
    } catch {
      // Remembering is a convenience: a state directory that cannot be written costs nothing else.
    }
  }
}

/** Merges `patch` into the entry of `key` and makes it the newest: the oldest go first past the cap. */
function putLast(entries: Map<string, RememberedPlaces>, key: string, patch: RememberedPlaces): void {
  const next = { ...entries.get(key), ...patch };
  entries.delete(key);
  entries.set(key, next);
}

function readSmall(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length > MAX_STATE_BYTES ? null : text;
  } catch {
    return null;
  }
}

/** The valid entries of a state file's text; anything else (broken JSON, a wrong shape, a bad entry) is left out. */
export function parseState(text: string | null): Map<string, RememberedPlaces> {
  const entries = new Map<string, RememberedPlaces>();
  if (text === null || text.length > MAX_STATE_BYTES) return entries;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return entries;
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) return entries;
  for (const [key, value] of Object.entries(file.data.places)) {
    const places = placesSchema.safeParse(value);
    if (places.success) entries.set(key, places.data);
  }
  return entries;
}

/** Owner-only, through a temporary file in the same directory renamed over the old one. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${STATE_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
