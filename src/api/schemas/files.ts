import * as z from 'zod';
import { id, isRecord, normalizePurpose, optNumber, optString, timestamp } from './coerce.js';
import { BatchSchema } from './batch.js';
import type { DeletedFile, FileObject, Model, Page } from './shapes.js';
import { describeZodError } from './zod-errors.js';

export const FileObjectSchema = z
  .object({
    id,
    bytes: optNumber,
    created_at: timestamp,
    filename: optString,
    purpose: optString,
    status: optString, // kluster and others omit it
    expires_at: timestamp,
  })
  .transform((f): FileObject => ({
    id: f.id,
    bytes: f.bytes,
    createdAt: f.created_at,
    filename: f.filename ?? '',
    purpose: normalizePurpose(f.purpose ?? ''),
    status: f.status,
    expiresAt: f.expires_at,
  }));

export const ModelSchema = z
  .object({ id, created: timestamp, created_at: timestamp, owned_by: optString })
  .transform((m): Model => ({ id: m.id, createdAt: m.created ?? m.created_at, ownedBy: m.owned_by }));

/** DELETE /files/{id}. Some servers answer 204 with no body: the deletion still happened. */
export function deletedFileSchema(requestedId: string) {
  return z
    .preprocess(
      (v) => (v === null || v === undefined || v === '' ? {} : v),
      z.object({ id: optString, deleted: z.unknown().optional() }),
    )
    .transform((d): DeletedFile => ({ id: d.id ?? requestedId, deleted: d.deleted !== false }));
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/**
 * `{object:'list', data, has_more?, first_id?, last_id?, count?, page?, ...}` or a bare array
 * (Together). `has_more` absent means there is no next page (Groq sends none). A bare array is
 * wrapped as `{data}` first, so a mismatch is reported as `data[3].id` either way.
 */
export function pageSchema<S extends z.ZodType<{ id: string }>>(item: S) {
  return z
    .preprocess(
      (v) => {
        if (Array.isArray(v)) return { data: v };
        // {object:'list'} with data null or omitted (Go's omitempty) is an empty list; any other
        // object without data is not a list at all.
        if (isRecord(v) && v.object === 'list' && (v.data === null || v.data === undefined)) return { ...v, data: [] };
        return v;
      },
      z.object({ data: z.array(z.unknown()), has_more: z.unknown().optional() }),
    )
    .transform((p): Page<z.output<S>> => {
      // Item by item: one item the server got wrong must not cost the user the whole list.
      const items: z.output<S>[] = [];
      let unreadable: Page<z.output<S>>['unreadable'];
      p.data.forEach((raw, i) => {
        const parsed = item.safeParse(raw);
        if (parsed.success) items.push(parsed.data);
        else
          unreadable = {
            count: (unreadable?.count ?? 0) + 1,
            reason: unreadable?.reason ?? describeZodError(parsed.error, ['data', i]),
          };
      });
      const hasMore = (p.has_more === true || p.has_more === 'true') && p.data.length > 0;
      const last = items[items.length - 1];
      const page: Page<z.output<S>> = { items, hasMore, nextCursor: hasMore && last ? last.id : null };
      if (unreadable) page.unreadable = unreadable;
      return page;
    });
}

export const BatchPageSchema = pageSchema(BatchSchema);
export const FilePageSchema = pageSchema(FileObjectSchema);
export const ModelPageSchema = pageSchema(ModelSchema);
