/** Limits and lifetimes OpenAI documents, in one place. */

/** Batch input files, and the output and error files of a batch, expire after 30 days. */
export const THIRTY_DAYS_SECONDS = 30 * 24 * 3600;

/** The Batch API reads input files of at most 200 MB. */
export const MAX_BATCH_INPUT_BYTES = 200 * 1024 * 1024;

/** Uploads are capped at 512 MB. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
