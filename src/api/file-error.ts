import { ApiError, findErrorCode } from './errors.js';
import { messageOf } from './message-of.js';

const LOCAL_FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'the disk is full',
  EROFS: 'read-only file system',
  EEXIST: 'the file already exists',
  EMFILE: 'too many open files',
};

/**
 * A local file-system problem (upload source, download destination) as an ApiError naming the path,
 * e.g. "Cannot upload ./in.jsonl: no such file or directory (ENOENT)." Kind 'bad_request': the
 * request cannot be made as asked; `code` carries the errno code.
 */
export function fileError(e: unknown, path: string, action: string): ApiError {
  const code = findErrorCode(e);
  const problem = (code && LOCAL_FILE_PROBLEMS[code]) ?? messageOf(e);
  return new ApiError({
    kind: 'bad_request',
    message: `Cannot ${action} ${path}: ${problem}${code ? ` (${code})` : ''}.`,
    ...(code ? { code } : {}),
  });
}
