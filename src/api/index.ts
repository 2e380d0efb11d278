// Public API of the Batch API client. Everything above src/api imports from here.
export { createBatchClient } from './client.js';
export type { BatchClient, CreateBatchParams, ListBatchesParams, ListFilesParams, ReadOptions } from './client.js';
export type { BatchClientOptions, CallOptions, FetchLike } from './transport.js';
export { DEFAULT_TIMEOUT_MS } from './transport.js';

export {
  ApiError,
  findErrorCode,
  isApiError,
  formatDuration,
  maskKey,
  parseRetryAfter,
  redact,
  registerSecret,
  toApiError,
} from './errors.js';
export { fileError } from './file-error.js';
export type { ApiErrorInit, ApiErrorKind, ErrorContext } from './errors.js';
export { isLoopbackHost, plainHttpKeyWarning, PlainHttpWarnings } from './plain-http.js';

export { ACTIVE_STATUSES, TERMINAL_STATUSES } from './statuses.js';
export {
  BatchPageSchema,
  FileObjectSchema,
  FilePageSchema,
  ModelPageSchema,
  ModelSchema,
  pageSchema,
} from './schemas/files.js';
export { BatchSchema } from './schemas/batch.js';
export { classifyStatus, isTerminal, normalizeEndpoint, normalizePurpose, toUnixSeconds } from './schemas/coerce.js';
export { describeZodError } from './schemas/zod-errors.js';
export { parseResultLine, resultLineError, ResultLineSchema } from './schemas/result-line.js';
export type {
  Batch,
  BatchError,
  BatchUsage,
  DeletedFile,
  FileObject,
  Model,
  Page,
  RequestCounts,
  ResultLine,
  ResultLineError,
  StatusClass,
} from './schemas/shapes.js';
export type { ParsedResultLine } from './schemas/result-line.js';

export { formatCount, plural, pluralWord } from './counts.js';
export type { PluralOptions } from './counts.js';
export { messageOf } from './message-of.js';
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
