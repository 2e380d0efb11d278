import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomHex } from '../hash.js';

/**
 * Writes a file so that readers, a crash and a power loss see either the old or the new content:
 * write a temporary sibling, fsync it, rename it over the target, fsync the directory (which makes
 * the rename itself durable).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomHex(4)}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncPath(dirname(path));
}

/** How `writeFileAtomic` names its temporary files, so a crash's leftovers can be found. */
export const TEMP_SUFFIX = '.tmp';

/**
 * fsync: makes a file's content, or a directory's entries (the creations, renames and removals in
 * it), durable.
 */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
