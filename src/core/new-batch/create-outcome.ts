import { isApiError, type BatchClient } from '../../api/index.js';

/**
 * Whether a failed create may have made the batch all the same. Only a server that answered with a
 * refusal (4xx) is known not to have made it; a lost connection, a timeout, a 5xx (a proxy may
 * have given up on a backend that went on) or an answer that could not be read may hide one.
 */
export function createMayHaveHappened(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return !(error.status !== undefined && error.status >= 400 && error.status < 500);
}

export function unknownOutcome(reason: string): string {
  return `Unknown whether the batch was created — check the job list. ${reason}`;
}

/** Deletes a just-uploaded file of this name and size, if the server kept one (best effort). */
export async function removeStray(client: BatchClient, name: string, bytes: number, sinceSec: number): Promise<void> {
  try {
    const page = await client.listFiles({ purpose: 'batch', limit: 20, order: 'desc' });
    const strays = page.items.filter(
      (f) => f.filename === name && f.bytes === bytes && (f.createdAt ?? 0) >= sinceSec - 5,
    );
    await Promise.all(strays.map((f) => client.deleteFile(f.id).catch(() => undefined)));
  } catch {
    // Nothing more can be done; the files screen shows what is there.
  }
}
