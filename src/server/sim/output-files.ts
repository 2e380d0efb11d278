import { rm } from 'node:fs/promises';
import { newFileId } from '../ids.js';
import { THIRTY_DAYS_SECONDS } from '../limits.js';
import type { Store } from '../store/store.js';
import type { BatchRecord } from '../types.js';
import type { WrittenFile } from './line-sink.js';

/** A result file the results job wrote, stored as a `batch_output` file of the batch; its id (null when none was written). */
export async function registerOutput(
  store: Store,
  batch: BatchRecord,
  written: WrittenFile | null,
  kind: 'output' | 'error',
  at: number,
): Promise<string | null> {
  if (!written) return null;
  const id = newFileId();
  try {
    await store.acceptContent(written.path, id);
  } catch (error) {
    await rm(written.path, { force: true });
    throw error;
  }
  const createdSec = Math.floor(at / 1000);
  store.addFile({
    id,
    createdMs: at,
    bytes: written.bytes,
    filename: `${batch.id}_${kind}.jsonl`,
    purpose: 'batch_output',
    expiresAt: createdSec + (batch.outputExpiresAfter ?? THIRTY_DAYS_SECONDS),
  });
  return id;
}
