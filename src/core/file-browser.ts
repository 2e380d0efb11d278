import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { messageOf } from '../api/message-of.js';

/**
 * The filesystem side of the new-batch file picker: a directory as the picker lists it (batch
 * files first, then directories to walk into, then the way up) and completion of a typed path.
 * Nothing here throws for a missing or unreadable path: the answer carries a message to show.
 */

export type EntryKind = 'jsonl' | 'dir' | 'parent';

export interface BrowserEntry {
  kind: EntryKind;
  /** As shown: `requests.jsonl`, `data`, `..`. */
  name: string;
  /** Absolute path. */
  path: string;
  /** Bytes, for files; null for directories or when stat failed. */
  size: number | null;
  /** Last modification, ms since the epoch; null for directories or when stat failed. */
  modifiedMs: number | null;
  /** Why this entry could not be examined (it is still listed, so the user sees it exists). */
  problem: string | null;
}

export interface DirListing {
  /** Absolute path of the directory. */
  dir: string;
  entries: BrowserEntry[];
  /** Why the directory could not be read; entries then hold only `..`. */
  error: string | null;
  /** Entries not shown because they are neither batch files nor directories. */
  hidden: number;
  /** Names starting with a dot not shown (dot-files are hidden unless asked for). */
  dotHidden: number;
}

export interface ListOptions {
  /** List names starting with a dot too. Default false. */
  dotFiles?: boolean;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'it is a file, not a directory',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** "Cannot open /x: permission denied." — for any fs failure, with no stack and no code soup. */
export function describeFsError(error: unknown, path: string, verb = 'open'): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? (REASONS[code] ?? code) : messageOf(error);
  return `Cannot ${verb} ${path}: ${reason}.`;
}

export function isBatchFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.jsonl');
}

/**
 * A typed or pasted path as it says: from the root when it starts with `/`, from the home
 * directory when it starts with `~` (`~` alone is home), and from `cwd` (the picker's directory)
 * otherwise. One allowance: `/~/x` is `~/x` — the `/` that opened the field with a home path
 * pasted after it (no one has a directory named `~` at the root).
 */
export function resolveTypedPath(text: string, cwd: string, home: string = homedir()): string {
  let path = text.trim();
  if (path === '/~' || path.startsWith('/~/')) path = path.slice(1);
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

let collator: Intl.Collator | undefined;
/** Natural order (file2 before file10), case aside; the collator is made on first use. */
const byName = (a: string, b: string): number =>
  (collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })).compare(a, b);

function parentEntry(dir: string): BrowserEntry | null {
  const parent = dirname(dir);
  if (parent === dir) return null;
  return { kind: 'parent', name: '..', path: parent, size: null, modifiedMs: null, problem: null };
}

/**
 * Lists `dir` for the picker: `.jsonl` files (with size and modification time) by name, then
 * directories by name, then `..`; names starting with a dot only when asked for. Symbolic links
 * count as what they point to; a broken one is left out. Never throws: an unreadable directory
 * comes back with `error` set and only `..`.
 */
export async function listDirectory(dir: string, { dotFiles = false }: ListOptions = {}): Promise<DirListing> {
  const absolute = resolve(dir);
  const parent = parentEntry(absolute);
  let dirents: Dirent[];
  try {
    dirents = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    return {
      dir: absolute,
      entries: parent ? [parent] : [],
      error: describeFsError(error, absolute),
      hidden: 0,
      dotHidden: 0,
    };
  }

  const files: BrowserEntry[] = [];
  const dirs: BrowserEntry[] = [];
  let hidden = 0;
  let dotHidden = 0;
  await Promise.all(
    dirents.map(async (dirent) => {
      const name = dirent.name;
      const path = join(absolute, name);
      if (name.startsWith('.') && !dotFiles) {
        dotHidden += 1;
        return;
      }
      let isDir = dirent.isDirectory();
      let isFile = dirent.isFile();
      const batchName = isBatchFileName(name);
      // Only links and batch files need a stat: the other entries are known from the listing.
      if (dirent.isSymbolicLink() || (isFile && batchName)) {
        try {
          const info = await stat(path);
          isDir = info.isDirectory();
          isFile = info.isFile();
          if (isFile && batchName)
            files.push({ kind: 'jsonl', name, path, size: info.size, modifiedMs: info.mtimeMs, problem: null });
          else if (isDir) dirs.push({ kind: 'dir', name, path, size: null, modifiedMs: null, problem: null });
          else hidden += 1;
        } catch (error) {
          if (batchName)
            files.push({
              kind: 'jsonl',
              name,
              path,
              size: null,
              modifiedMs: null,
              problem: describeFsError(error, path, 'read'),
            });
          else hidden += 1;
        }
        return;
      }
      if (isDir) dirs.push({ kind: 'dir', name, path, size: null, modifiedMs: null, problem: null });
      else hidden += 1;
    }),
  );
  files.sort((a, b) => byName(a.name, b.name));
  dirs.sort((a, b) => byName(a.name, b.name));
  return { dir: absolute, entries: [...files, ...dirs, ...(parent ? [parent] : [])], error: null, hidden, dotHidden };
}

export interface Completion {
  /** The typed text with as much added as every candidate shares (a `/` after a lone directory). */
  text: string;
  /** Names that match what was typed, directories with a trailing `/`, at most `limit`. */
  candidates: string[];
  /** How many matched in all (candidates may be cut to `limit`). */
  total: number;
  /** Why nothing could be listed (a missing directory), or null. */
  error: string | null;
}

/**
 * Completes a typed path the way a shell's tab does: the part after the last `/` is matched
 * against the names in the directory before it (directories and `.jsonl` files; names starting
 * with a dot when the typed part does, or dot-files are shown). One match is completed whole;
 * several are extended to their longest common prefix and returned as candidates.
 */
export async function completePath(
  typed: string,
  cwd: string,
  { dotFiles = false, limit = 50 }: ListOptions & { limit?: number } = {},
): Promise<Completion> {
  // `~` is the home directory: completed to `~/`, as a shell does.
  if (typed.trim() === '~' || typed.trim() === '/~')
    return { text: `${typed.trim()}/`, candidates: [], total: 1, error: null };
  const slash = Math.max(typed.lastIndexOf('/'), sep === '\\' ? typed.lastIndexOf('\\') : -1);
  const head = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const prefix = slash >= 0 ? typed.slice(slash + 1) : typed;
  const dir = head === '' ? resolve(cwd) : resolveTypedPath(head, cwd);
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    return { text: typed, candidates: [], total: 0, error: describeFsError(error, dir) };
  }
  const wantsDot = dotFiles || prefix.startsWith('.');
  const names: string[] = [];
  await Promise.all(
    dirents.map(async (dirent) => {
      const name = dirent.name;
      if (!name.startsWith(prefix) || (name.startsWith('.') && !wantsDot)) return;
      let isDir = dirent.isDirectory();
      let isFile = dirent.isFile();
      if (dirent.isSymbolicLink()) {
        try {
          const info = await stat(join(dir, name));
          isDir = info.isDirectory();
          isFile = info.isFile();
        } catch {
          return;
        }
      }
      if (isDir) names.push(`${name}/`);
      else if (isFile && isBatchFileName(name)) names.push(name);
    }),
  );
  names.sort(byName);
  if (names.length === 0) return { text: typed, candidates: [], total: 0, error: null };
  const shared = names.length === 1 ? names[0]! : commonPrefix(names);
  return {
    text: head + (shared.length > prefix.length ? shared : prefix),
    candidates: names.slice(0, limit),
    total: names.length,
    error: null,
  };
}

function commonPrefix(names: readonly string[]): string {
  let prefix = names[0] ?? '';
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i += 1;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
