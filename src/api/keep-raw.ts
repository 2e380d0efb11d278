// The provider's own object beside the normalized one, for `--json --raw` only.
//
// By default a parse keeps nothing of what the server sent: the console holds hundreds of jobs
// for days, and a second copy of each (vendor fields and all) would cost memory and work for
// nothing. A caller that wants the provider's object asks per call (`keepRaw`), and the client
// then parses with the schemas below: the same schemas, each object given a `raw` field that is
// the value the server sent for it, untouched — so NOT sanitized, and only ever written through
// terminalSafeJson.
import * as z from 'zod';
import {
  BatchPageSchema,
  FileObjectSchema,
  FilePageSchema,
  ModelPageSchema,
  ModelSchema,
  pageSchema,
} from './schemas/files.js';
import { BatchSchema } from './schemas/batch.js';
import type { Batch, FileObject, Model, Page } from './schemas/shapes.js';

/** Per call: keep each object's provider JSON under `raw`. Off unless asked. */
export interface KeepRawOption {
  keepRaw?: boolean;
}

/**
 * `schema`, with what it was given kept as `raw` on what it returns. A value the schema refuses
 * fails with the schema's own issues (and paths), so a page still names `data[3].id`.
 */
function keepingRaw<T extends object>(schema: z.ZodType<T>) {
  return z.unknown().transform((input, ctx): T & { raw: unknown } => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      // Finalized issues keep their code, path and message; zod only fills in what is missing.
      ctx.issues.push(...(parsed.error.issues as z.core.$ZodRawIssue[]));
      return z.NEVER;
    }
    return { ...parsed.data, raw: input };
  });
}

interface CallSchemas {
  batch: z.ZodType<Batch>;
  batchPage: z.ZodType<Page<Batch>>;
  file: z.ZodType<FileObject>;
  filePage: z.ZodType<Page<FileObject>>;
  modelPage: z.ZodType<Page<Model>>;
}

const BatchWithRawSchema = keepingRaw(BatchSchema);
const FileWithRawSchema = keepingRaw(FileObjectSchema);

const plain: CallSchemas = {
  batch: BatchSchema,
  batchPage: BatchPageSchema,
  file: FileObjectSchema,
  filePage: FilePageSchema,
  modelPage: ModelPageSchema,
};
const withRaw: CallSchemas = {
  batch: BatchWithRawSchema,
  batchPage: pageSchema(BatchWithRawSchema),
  file: FileWithRawSchema,
  filePage: pageSchema(FileWithRawSchema),
  modelPage: pageSchema(keepingRaw(ModelSchema)),
};

/** The schemas a call parses its answer with: the plain ones unless it asked for `raw`. */
export function schemasFor(keepRaw: boolean | undefined): CallSchemas {
  return keepRaw === true ? withRaw : plain;
}
