// Opening the pager on what the user chose: a job's output or error file (joined with the job's
// input file), any uploaded file, or a local file (`fizz-batch view`). Opening is asynchronous
// (the cache is looked at, a download starts), so the screen watches a ResultsOpening until the
// session exists.
import type { BatchClient, FileObject } from '../../../api/index.js';
import { Observable } from '../../observable.js';
import type { SavePlaces } from '../../places.js';
import { InputIndex } from '../input-index.js';
import { openLocalDocument } from '../local-document.js';
import { openRemoteDocument } from '../remote-document/document.js';
import { messageOf } from '../../../api/index.js';
import { ResultsSession } from './session.js';
import type { ResultsKind, ResultsSource } from './state.js';
import type { LineDocument } from '../types.js';

export type OpeningState =
  { status: 'opening' } | { status: 'open'; session: ResultsSession } | { status: 'failed'; error: unknown };

/** A session on its way. dispose() closes it, whether it is open yet or not. */
export class ResultsOpening extends Observable<OpeningState> {
  private disposed = false;

  constructor(open: () => Promise<ResultsSession>) {
    super({ status: 'opening' });
    open().then(
      (session) => {
        if (this.disposed) void session.dispose();
        else this.setState({ status: 'open', session });
      },
      (error: unknown) => {
        if (!this.disposed) this.setState({ status: 'failed', error });
      },
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const state = this.getState();
    this.clearListeners();
    if (state.status === 'open') await state.session.dispose();
  }
}

export interface RemoteContext {
  client: BatchClient;
  /** Default: defaultCacheDir() (FIZZ_CACHE_DIR, XDG, the platform's cache). */
  cacheDir?: string;
  /** Where `s` proposes to save. */
  places: SavePlaces;
}

/** The pager on a job's file or an uploaded file, from the console. */
export function openSourceSession(source: ResultsSource, context: RemoteContext): ResultsOpening {
  return new ResultsOpening(() =>
    source.kind === 'job' ? openJobFile(source.job, source.file, context) : openUploadedFile(source.file, context),
  );
}

async function openJobFile(
  job: { id: string; inputFileId: string | null; outputFileId: string | null; errorFileId: string | null },
  which: 'output' | 'error',
  context: RemoteContext,
): Promise<ResultsSession> {
  const fileId = which === 'output' ? job.outputFileId : job.errorFileId;
  if (!fileId) throw new Error(`The job ${job.id} has no ${which} file.`);
  const document = await remote(fileId, context);
  let input: { document: LineDocument; index: InputIndex } | null = null;
  if (job.inputFileId) {
    try {
      const inputDoc = await remote(job.inputFileId, context);
      input = { document: inputDoc, index: new InputIndex(inputDoc) };
    } catch (error) {
      // The results are worth reading without their requests: the title says why they are not joined.
      return session(document, which, null, `the input file could not be opened (${messageOf(error)})`, context.places);
    }
  }
  return session(document, which, input, job.inputFileId ? null : 'the job names no input file', context.places);
}

/**
 * An uploaded file: a batch file shows its requests; an output or error file shows its results
 * without the requests (its job is not known here: `o` and `e` on the job join them).
 */
async function openUploadedFile(file: FileObject, context: RemoteContext): Promise<ResultsSession> {
  const document = await remote(file.id, context, file.filename || file.id, file.bytes);
  const kind: ResultsKind | null = file.purpose === 'batch' ? 'input' : null;
  return session(
    document,
    kind,
    null,
    kind === 'input' ? null : 'opened from the files list (o or e on its job joins the requests)',
    context.places,
  );
}

/** `fizz-batch view FILE [--input INPUT]`: local files, no server. */
export async function openLocalSession(
  path: string,
  options: { inputPath?: string | null; places: SavePlaces },
): Promise<ResultsSession> {
  const document = await openLocalDocument(path);
  let input: { document: LineDocument; index: InputIndex } | null = null;
  if (options.inputPath) {
    try {
      const inputDoc = await openLocalDocument(options.inputPath);
      input = { document: inputDoc, index: new InputIndex(inputDoc) };
    } catch (error) {
      await document.close();
      throw error;
    }
  }
  return session(document, null, input, options.inputPath ? null : 'no --input given', options.places);
}

/** `declaredBytes`: the file object's size when the caller has it (the download stops well past it). */
function remote(
  fileId: string,
  context: RemoteContext,
  name?: string,
  declaredBytes?: number | null,
): Promise<LineDocument> {
  return openRemoteDocument({
    client: context.client,
    fileId,
    ...(context.cacheDir ? { cacheDir: context.cacheDir } : {}),
    ...(name ? { name } : {}),
    declaredBytes: declaredBytes ?? null,
  });
}

function session(
  document: LineDocument,
  kind: ResultsKind | null,
  input: { document: LineDocument; index: InputIndex } | null,
  inputNote: string | null,
  places: SavePlaces,
): ResultsSession {
  return new ResultsSession({
    document,
    kind,
    input,
    inputNote,
    places,
    onDispose: async () => {
      input?.index.dispose();
      await Promise.all([document.close(), input?.document.close()]);
    },
  });
}
