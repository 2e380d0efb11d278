import { open, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { ApiError, invalidRequest, invalidValue, missingParameter, supportedValues } from '../errors.js';
import { renderFile, renderList } from '../flavor.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import type { Router } from '../http/router.js';
import { sendJson, sendJsonText } from '../http/respond.js';
import { choiceParam, integerParam, optionalParam } from '../http/query.js';
import { newFileId } from '../ids.js';
import { THIRTY_DAYS_SECONDS } from '../limits.js';
import type { FileRecord } from '../types.js';
import type { RouteContext } from './context.js';
import { receiveMultipart } from './multipart.js';
import { byCreation, pageAfter } from './paginate.js';

/** `/v1/files`: upload (streamed to disk), list, retrieve, delete, and download content. */

export const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

export function registerFileRoutes(router: Router, ctx: RouteContext): void {
  router.add('POST', '/v1/files', async ({ req, res }) => {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) {
      throw invalidRequest(
        400,
        `Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data.`,
        null,
        'invalid_content_type',
      );
    }
    const tempPath = ctx.store.tempPath();
    try {
      const form = await receiveMultipart(req, res, tempPath, ctx.maxUploadBytes);
      if (!form.file) throw missingParameter('file');
      const purpose = form.fields.purpose;
      if (purpose === undefined || purpose === '') throw missingParameter('purpose');
      if (!(UPLOAD_PURPOSES as readonly string[]).includes(purpose)) {
        throw invalidValue(
          'purpose',
          `Invalid value: '${purpose}'. Supported values are: ${supportedValues(UPLOAD_PURPOSES)}.`,
        );
      }
      if (purpose === 'batch' && !form.file.filename.toLowerCase().endsWith('.jsonl')) {
        throw invalidRequest(400, 'Invalid file format for Batch API. Must be .jsonl', 'file', 'invalid_file_format');
      }
      const lifetime = expiresAfter(form.fields) ?? (purpose === 'batch' ? THIRTY_DAYS_SECONDS : null);

      const id = newFileId();
      const { size } = await stat(tempPath);
      await ctx.store.acceptContent(tempPath, id);
      const createdMs = ctx.now();
      const file = ctx.store.addFile({
        id,
        createdMs,
        bytes: size,
        filename: form.file.filename,
        purpose,
        expiresAt: lifetime === null ? null : Math.floor(createdMs / 1000) + lifetime,
      });
      // Acknowledged means kept: the record is on disk before the client hears of the file.
      await ctx.store.persist();
      sendJson(res, 200, renderFile(file, ctx.flavor));
    } finally {
      // Rejected or failed uploads leave nothing behind; accepted ones were renamed away.
      await rm(tempPath, { force: true });
    }
  });

  router.add('GET', '/v1/files', ({ res, url }) => {
    const purpose = optionalParam(url, 'purpose');
    const order = choiceParam(url, 'order', ['asc', 'desc'] as const, 'desc');
    const limit = integerParam(url, 'limit', 1, 10_000, 10_000);
    const files = ctx.store.listFiles().sort(byCreation((f: FileRecord) => f.createdMs));
    if (order === 'desc') files.reverse();
    const page = pageAfter(files, optionalParam(url, 'after'), limit, (f) => purpose === null || f.purpose === purpose);
    sendJsonText(
      res,
      200,
      renderList({ data: page.items.map((f) => renderFile(f, ctx.flavor)), hasMore: page.hasMore }, ctx.flavor),
    );
  });

  router.add('GET', '/v1/files/:id', ({ res, params }) => {
    sendJson(res, 200, renderFile(fileOr404(ctx, params.id), ctx.flavor));
  });

  router.add('DELETE', '/v1/files/:id', async ({ res, params }) => {
    const file = fileOr404(ctx, params.id);
    await ctx.store.deleteFile(file.id);
    sendJson(res, 200, { id: file.id, object: 'file', deleted: true });
  });

  router.add('GET', '/v1/files/:id/content', async ({ req, res, params }) => {
    const file = fileOr404(ctx, params.id);
    const handle = await open(ctx.store.contentPath(file.id), 'r');
    try {
      const { size } = await handle.stat();
      const range = parseRange(req.headers.range, size);
      if (range === 'unsatisfiable') {
        throw new ApiError(
          416,
          {
            message: `Range ${req.headers.range ?? ''} is outside the file's ${size} bytes.`,
            type: 'invalid_request_error',
            param: null,
            code: 'range_not_satisfiable',
          },
          { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' },
        );
      }
      const { start, end } = range ?? { start: 0, end: size - 1 };
      res.writeHead(range ? 206 : 200, {
        'content-type': 'application/octet-stream',
        'content-length': String(size === 0 ? 0 : end - start + 1),
        'accept-ranges': 'bytes',
        ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
        'content-disposition': attachmentDisposition(file.filename),
      });
      await pipeline(handle.createReadStream({ autoClose: false, start, ...(size > 0 ? { end } : {}) }), res);
    } finally {
      await handle.close();
    }
  });
}

/**
 * One `bytes=N-` or `bytes=N-M` range, clamped to the file (inclusive end). Anything else (no header,
 * several ranges, a suffix range, nonsense) is ignored and the whole file is sent, as HTTP allows;
 * a start at or past the end cannot be served.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header === undefined ? null : /^\s*bytes\s*=\s*(\d+)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const start = Number(match[1]);
  const last = match[2] === '' ? Infinity : Number(match[2]);
  if (!Number.isSafeInteger(start) || last < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

function fileOr404(ctx: RouteContext, id: string | undefined): FileRecord {
  const file = id === undefined ? undefined : ctx.store.getFile(id);
  if (!file) throw invalidRequest(404, `No such File object: ${id ?? ''}`, 'id');
  return file;
}

/** `expires_after[anchor]` and `expires_after[seconds]`, as the SDK and curl send them. */
function expiresAfter(fields: Record<string, string>): number | null {
  const anchor = fields['expires_after[anchor]'];
  const seconds = fields['expires_after[seconds]'];
  if (anchor === undefined && seconds === undefined) return null;
  if (anchor === undefined) throw missingParameter('expires_after.anchor');
  if (seconds === undefined) throw missingParameter('expires_after.seconds');
  if (anchor !== 'created_at') {
    throw invalidValue('expires_after.anchor', `Invalid value: '${anchor}'. Supported values are: 'created_at'.`);
  }
  const value = Number(seconds);
  if (!Number.isInteger(value) || value < 3600 || value > 2_592_000) {
    throw invalidValue(
      'expires_after.seconds',
      `Invalid 'expires_after.seconds': expected an integer from 3600 to 2592000, but got '${seconds}' instead.`,
    );
  }
  return value;
}
