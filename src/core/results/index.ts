// Public API of the results pager's data layer. The UI and the CLI import from here.
export { DEFAULT_MAX_LINE_BYTES } from './types.js';
export type { DocumentState, LineDocument, LineText, ReadOptions, ScanProgress } from './types.js';

export { LineIndex } from './line-index.js';
export type { LineBounds } from './line-index.js';
export { FileDocument, isByteReader, openLocalDocument } from './local-document.js';
export type { ByteReader } from './local-document.js';
export { openRemoteDocument, RemoteDocument } from './remote-document/document.js';
export type { ContentClient, RemoteDocumentOptions } from './remote-document/options.js';
export { defaultCacheDir, ensureFilesDir, hostKeyOf } from './cache-dir.js';
export { cacheEntry, cacheFileName, DEFAULT_CACHE_BUDGET_BYTES, pruneCache } from './cache.js';
export type { CacheEntry, PruneOptions, PruneResult } from './cache.js';

export { findLine, findText } from './search.js';
export type { ScanOptions, TextHit } from './search.js';
export { LineFilter } from './line-filter.js';
export type { LineFilterOptions, LineFilterState } from './line-filter.js';

export { customIdOf, isErrorLine, leadingCustomId, MAX_PARSE_BYTES, parseRecord } from './record/parse.js';
export { inputRequestOf } from './record/input-request.js';
export { prettyJson } from './record/pretty-json.js';
export type {
  ErrorRecord,
  InputMessage,
  InputRecord,
  InputRequest,
  InvalidRecord,
  OutputRecord,
  ResultRecord,
  TokenUsage,
} from './record/types.js';
export { InputIndex, scanLines } from './input-index.js';
export type { InputIndexState, InputLookup, LineScanOptions } from './input-index.js';
export { destinationExists, expandHome, SaveError, writeAtomically } from './atomic-file.js';
export type { AtomicWriteOptions, FileSink, WriteOutcome } from './atomic-file.js';
export { saveDocument } from './save.js';
export type { SaveOptions } from './save.js';
export { exportJoined } from './joined.js';
export type { JoinedCounts, JoinedExportOptions, JoinedOutcome } from './joined.js';
export { planResubmit, resubmitStart } from './resubmit.js';
export type { PlanResubmitOptions, ResubmitPhase, ResubmitPlan, ResubmitProgress, ResubmitReason } from './resubmit.js';
