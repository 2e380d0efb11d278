import type { Batch, BatchClient } from '../../api/index.js';
import type { ModelsService } from '../models.js';
import type { ModelsPerFile } from '../validate/index.js';

export interface NewBatchOptions {
  client: BatchClient;
  /** Where the picker starts when it has not been used before (or that directory is gone). */
  cwd: string;
  /** Where the picker was last used (remembered per profile); it starts there when it can. */
  startDir?: string | null;
  /** Told the directory the user walked into, or picked a file in, to remember it for next time. */
  onDirectory?: (dir: string) => void;
  /** The profile's windows; the first is the default. Default ['24h']. */
  completionWindows?: readonly string[];
  /** The profile's limits for the validator (its defaults otherwise: 50,000 and 200 MB). */
  maxRequests?: number;
  maxBytes?: number;
  /** How many models the provider takes in one file (default: unknown, so several is a warning). */
  modelsPerFile?: ModelsPerFile;
  /** The provider's models (GET /v1/models, shared with the models screen); without it models are not checked. */
  models?: ModelsService;
  /** Extra upload attempts after a lost connection or a 5xx (the client's default otherwise). */
  uploadRetries?: number;
  /** Keep what the server sent for the created batch under `raw` (for `--json --raw`); never for the console. */
  keepRaw?: boolean;
  /** Told once, when the batch exists (the console puts it into the job list). */
  onCreated?: (batch: Batch) => void;
  /** Progress is published at most this often (the last byte always is). Default 100 ms. */
  progressIntervalMs?: number;
  /**
   * Upload while the file is checked (`submit` for scripts, where no one reads the report before
   * going on): one pass instead of two, so a big file goes up as fast as it is read. The upload
   * keeps its last bytes back until `submit()`; a report with errors, a cancel or anything else
   * stops it, and the server, never having had a whole file, keeps nothing.
   */
  uploadWhileChecking?: boolean;
  now?: () => number;
}
