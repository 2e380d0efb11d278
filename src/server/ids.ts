import { randomHex } from './hash.js';

/** Identifiers in OpenAI's shapes (`batch_…`, `file-…`, `req_…`), random so restarts never collide. */

export const newBatchId = (): string => `batch_${randomHex(16)}`;
export const newFileId = (): string => `file-${randomHex(12)}`;
export const newRequestId = (): string => `req_${randomHex(16)}`;
