// Public API of the Batch API client. Everything above src/api imports from here.
export { createBatchClient } from './client.js';
export type { BatchClient, CreateBatchParams, ListBatchesParams, ListFilesParams, ReadOptions } from './client.js';
export type { BatchClientOptions, CallOptions, FetchLike } from './transport.js';
export { DEFAULT_TIMEOUT_MS } from './transport.js';

export {
  ApiError,
  fileError,
  findErrorCode,
  isApiError,
  formatDuration,
  maskKey,
  parseRetryAfter,
  redact,
  registerSecret,
  toApiError,
} from './errors.js';
export type { ApiErrorInit, ApiErrorKind, ErrorContext } from './errors.js';
export { isLoopbackHost, plainHttpKeyWarning, PlainHttpWarnings } from './plain-http.js';

export {
  ACTIVE_STATUSES,
  BatchPageSchema,
  BatchSchema,
  classifyStatus,
  describeZodError,
  FileObjectSchema,
  FilePageSchema,
  isTerminal,
  ModelPageSchema,
  ModelSchema,
  normalizeEndpoint,
  normalizePurpose,
  pageSchema,
  parseResultLine,
  resultLineError,
  ResultLineSchema,
  TERMINAL_STATUSES,
  toUnixSeconds,
} from './schemas.js';
export type {
  Batch,
  BatchError,
  BatchUsage,
  DeletedFile,
  FileObject,
  Model,
  Page,
  ParsedResultLine,
  RequestCounts,
  ResultLine,
  ResultLineError,
  StatusClass,
} from './schemas.js';

export { oneLine, sanitizeLine, sanitizeLineOrNull, sanitizeText, terminalSafeJson } from './text.js';

export { collectAll, pages, Pager } from './paginate.js';
export { toWireBatch, toWireFile, toWireModel } from './wire.js';
export type { FetchPage, PagerOptions, StopReason } from './paginate.js';

export type { UploadOptions } from './upload.js';
export type { ContentStream, ContentStreamOptions, DownloadOptions, DownloadResult } from './download.js';
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_UNDECLARED_LIMIT_BYTES,
  declaredSizeLimit,
  OVERSIZE_CODE,
} from './download.js';
