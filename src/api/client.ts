// The typed Batch API client: Transport for HTTP (auth, deadlines, retries, errors), zod for every
// answer. Methods go through Transport.json with the raw path, so the schemas see exactly what
// the server sent (bare arrays, string timestamps, extra list fields).
import type { Readable } from 'node:stream';
import {
  downloadFile,
  openContent,
  openContentStream,
  type ContentStream,
  type ContentStreamOptions,
  type DownloadOptions,
  type DownloadResult,
} from './download.js';
import { Pager, type PagerOptions } from './paginate.js';
import { schemasFor, type KeepRawOption } from './keep-raw.js';
import { deletedFileSchema } from './schemas/files.js';
import type { Batch, DeletedFile, FileObject, Model, Page } from './schemas/shapes.js';
import { Transport, type BatchClientOptions, type CallOptions } from './transport.js';
import { uploadFile, type UploadOptions } from './upload.js';

/** A call that returns provider objects: `keepRaw` keeps each one's JSON under `raw` (see keep-raw.ts). */
export type ReadOptions = CallOptions & KeepRawOption;

export interface ListBatchesParams extends ReadOptions {
  after?: string;
  limit?: number;
}

export interface ListFilesParams extends ReadOptions {
  purpose?: string;
  after?: string;
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface CreateBatchParams {
  inputFileId: string;
  /** E.g. `/v1/chat/completions`. */
  endpoint: string;
  /** E.g. `24h`. */
  completionWindow: string;
  metadata?: Record<string, string>;
}

export interface BatchClient {
  readonly baseURL: string;
  listBatches(params?: ListBatchesParams): Promise<Page<Batch>>;
  getBatch(id: string, opts?: ReadOptions): Promise<Batch>;
  createBatch(params: CreateBatchParams, opts?: ReadOptions): Promise<Batch>;
  cancelBatch(id: string, opts?: ReadOptions): Promise<Batch>;
  listFiles(params?: ListFilesParams): Promise<Page<FileObject>>;
  getFile(id: string, opts?: ReadOptions): Promise<FileObject>;
  deleteFile(id: string, opts?: CallOptions): Promise<DeletedFile>;
  listModels(opts?: ReadOptions): Promise<Model[]>;
  uploadFile(path: string, opts?: UploadOptions): Promise<FileObject>;
  downloadFile(fileId: string, destPath: string, opts?: DownloadOptions): Promise<DownloadResult>;
  openContentStream(fileId: string, opts?: ContentStreamOptions): Promise<Readable>;
  /** The content with what the server said about it (size, byte ranges); `opts.start` resumes from an offset. */
  openContent(fileId: string, opts?: ContentStreamOptions): Promise<ContentStream>;
  /** A terminating pager over GET /batches (newest first on OpenAI), for "load more" lists. */
  batchPager(params?: Omit<ListBatchesParams, 'after'> & PagerOptions): Pager<Batch>;
  filePager(params?: Omit<ListFilesParams, 'after'> & PagerOptions): Pager<FileObject>;
}

const seg = (id: string): string => encodeURIComponent(id);

class HttpBatchClient implements BatchClient {
  readonly #t: Transport;

  constructor(options: BatchClientOptions) {
    this.#t = new Transport(options);
  }

  get baseURL(): string {
    return this.#t.baseURL;
  }

  listBatches({ after, limit, signal, keepRaw }: ListBatchesParams = {}): Promise<Page<Batch>> {
    return this.#t.json('get', '/batches', schemasFor(keepRaw).batchPage, {
      query: { after, limit },
      ...(signal ? { signal } : {}),
    });
  }

  getBatch(id: string, { keepRaw, ...opts }: ReadOptions = {}): Promise<Batch> {
    return this.#t.json('get', `/batches/${seg(id)}`, schemasFor(keepRaw).batch, opts);
  }

  createBatch(params: CreateBatchParams, { keepRaw, ...opts }: ReadOptions = {}): Promise<Batch> {
    const body: Record<string, unknown> = {
      input_file_id: params.inputFileId,
      endpoint: params.endpoint,
      completion_window: params.completionWindow,
    };
    if (params.metadata && Object.keys(params.metadata).length > 0) body['metadata'] = params.metadata;
    // No retries: the Batch API has no idempotency key, so a retry after a lost answer could start
    // (and bill) the same batch twice. The caller decides, with the error in hand.
    return this.#t.json('post', '/batches', schemasFor(keepRaw).batch, { ...opts, body, maxRetries: 0 });
  }

  cancelBatch(id: string, { keepRaw, ...opts }: ReadOptions = {}): Promise<Batch> {
    // No retries: a 409 is retried by default, and "Cannot cancel a batch with status 'completed'" must be sent once.
    return this.#t.json('post', `/batches/${seg(id)}/cancel`, schemasFor(keepRaw).batch, { ...opts, maxRetries: 0 });
  }

  listFiles({ purpose, after, limit, order, signal, keepRaw }: ListFilesParams = {}): Promise<Page<FileObject>> {
    return this.#t.json('get', '/files', schemasFor(keepRaw).filePage, {
      query: { purpose, after, limit, order },
      ...(signal ? { signal } : {}),
    });
  }

  getFile(id: string, { keepRaw, ...opts }: ReadOptions = {}): Promise<FileObject> {
    return this.#t.json('get', `/files/${seg(id)}`, schemasFor(keepRaw).file, opts);
  }

  deleteFile(id: string, opts: CallOptions = {}): Promise<DeletedFile> {
    return this.#t.json('delete', `/files/${seg(id)}`, deletedFileSchema(id), opts);
  }

  async listModels({ keepRaw, ...opts }: ReadOptions = {}): Promise<Model[]> {
    return (await this.#t.json('get', '/models', schemasFor(keepRaw).modelPage, opts)).items;
  }

  uploadFile(path: string, opts: UploadOptions = {}): Promise<FileObject> {
    return uploadFile(this.#t, path, opts);
  }

  downloadFile(fileId: string, destPath: string, opts: DownloadOptions = {}): Promise<DownloadResult> {
    return downloadFile(this.#t, fileId, destPath, opts);
  }

  openContentStream(fileId: string, opts: ContentStreamOptions = {}): Promise<Readable> {
    return openContentStream(this.#t, fileId, opts);
  }

  openContent(fileId: string, opts: ContentStreamOptions = {}): Promise<ContentStream> {
    return openContent(this.#t, fileId, opts);
  }

  batchPager({ maxPages, after, ...params }: Omit<ListBatchesParams, 'after'> & PagerOptions = {}): Pager<Batch> {
    return new Pager((cursor) => this.listBatches({ ...params, ...(cursor ? { after: cursor } : {}) }), {
      ...(maxPages ? { maxPages } : {}),
      ...(after ? { after } : {}),
    });
  }

  filePager({ maxPages, after, ...params }: Omit<ListFilesParams, 'after'> & PagerOptions = {}): Pager<FileObject> {
    return new Pager((cursor) => this.listFiles({ ...params, ...(cursor ? { after: cursor } : {}) }), {
      ...(maxPages ? { maxPages } : {}),
      ...(after ? { after } : {}),
    });
  }
}

/**
 * A client for one OpenAI-compatible server, with the key given here and no other: no OPENAI_*
 * variable (key, base URL, headers) ever applies to a fizz-batch profile.
 * Throws ApiError 'bad_request' for an unusable baseURL.
 */
export function createBatchClient(options: BatchClientOptions): BatchClient {
  return new HttpBatchClient(options);
}
