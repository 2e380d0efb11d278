import type { Batch, FileObject } from '../../api/index.js';
import type { DirListing } from '../file-browser.js';
import type { ValidationReport } from '../validate/index.js';

// What the new-batch flow shows: its step, the picker's directory, the form and one line of news.
// The flow (service.ts) is the only writer.

export interface UploadProgress {
  sent: number;
  total: number;
  /** Over the last few seconds; null until there is enough to measure. */
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export type NewBatchStep =
  | { name: 'picking' }
  | { name: 'validating'; path: string; bytesRead: number; totalBytes: number }
  | { name: 'report'; path: string; report: ValidationReport }
  | { name: 'form'; path: string; report: ValidationReport }
  | { name: 'uploading'; path: string; report: ValidationReport; progress: UploadProgress }
  /** The upload was aborted; waiting for it to settle (and removing a file that got through). */
  | { name: 'cancelling'; path: string; report: ValidationReport }
  /** Uploaded while the user is asked whether to quit: the batch is created only when they stay. */
  | { name: 'uploaded'; path: string; report: ValidationReport; file: FileObject }
  /** `looking`: an earlier create got no answer, and the job list is read for the batch it may have made. */
  | { name: 'creating'; path: string; report: ValidationReport; file: FileObject; looking?: boolean }
  /**
   * `createMayExist`: the create got no answer (a lost connection, a timeout, a 5xx), so the batch
   * may exist; `r` looks for it before creating, and the file is not deleted unless none uses it.
   * Stage `lookup`: that look could not tell — whether the batch exists is unknown, and nothing is
   * created or deleted until the job list says.
   */
  | {
      name: 'error';
      stage: 'upload' | 'create' | 'lookup';
      path: string;
      report: ValidationReport;
      error: unknown;
      file: FileObject | null;
      createMayExist?: boolean;
    }
  | { name: 'done'; batch: Batch; file: FileObject };

export type StepName = NewBatchStep['name'];

/** A file is on its way to the server or its batch is being created: leaving now would lose it. */
export function isTransferring(step: StepName): boolean {
  return step === 'uploading' || step === 'uploaded' || step === 'cancelling' || step === 'creating';
}

/**
 * The file's models against the provider's list. The report shows at once and gains the check when
 * the list arrives; it never waits for it and never blocks on it.
 */
export type ModelCheck =
  | { status: 'checking' }
  /** `missing`: models of the file the provider does not list (each a warning in the report). */
  | { status: 'checked'; missing: number }
  /** The list could not be had (an error, a provider without /v1/models, an empty list). */
  | { status: 'unavailable'; reason: string };

export interface NewBatchForm {
  completionWindow: string;
  description: string;
}

export interface Notice {
  text: string;
  tone: 'info' | 'success' | 'warning' | 'danger';
}

export interface NewBatchState {
  step: NewBatchStep;
  /** The picker's directory and what is in it; kept through the later steps so back returns there. */
  dir: string;
  listing: DirListing | null;
  /** Names starting with a dot are listed (`.` in the picker toggles it). */
  dotFiles: boolean;
  /** The file picked last: the picker selects it again when the user comes back. */
  chosen: string | null;
  completionWindows: readonly string[];
  form: NewBatchForm;
  /** One line of news (a cancelled upload, an unreadable directory), cleared by the next step. */
  notice: Notice | null;
  /** A file prepared elsewhere (resubmit) and the metadata its batch carries; dropped when another file is picked. */
  prepared: PreparedFile | null;
  /** The models check of the report shown; null when there is none (no list to ask, no models named). */
  modelCheck: ModelCheck | null;
}

export interface PreparedFile {
  path: string;
  /** Stored on the created batch beside the description, e.g. { resubmit_of: 'batch_abc' }. */
  metadata: Readonly<Record<string, string>>;
  /** What the form was prefilled with. */
  description: string;
}

export interface PreparedOptions {
  /** Prefilled in the form (the user may change it). */
  description?: string;
  metadata?: Record<string, string>;
}
