import { rename, rm, writeFile } from 'node:fs/promises';
import { randomHex } from '../hash.js';

/**
 * Writes a file so that readers (and a crash) see either the old or the new content: write a
 * temporary sibling, then rename it over the target.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomHex(4)}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
