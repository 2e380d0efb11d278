import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Batch, BatchClient } from '../../api/index.js';
import {
  exportJoined,
  InputIndex,
  openRemoteDocument,
  saveDocument,
  type LineDocument,
  type ScanProgress,
} from '../../core/results/index.js';
import { defaultCacheDir } from '../../core/results/index.js';
import { missingFile, missingFileText } from '../../core/jobs/missing-file.js';
import { formatBytes } from '../../ui/format/numbers.js';
import { connectCommand } from '../connect.js';
import { whenState } from '../when-state.js';
import { progressLine } from '../output/progress-line.js';
import type { ParsedCommand } from '../framework/spec.js';

/**
 * `fizz-batch results ID`: the job's output (or error) file, to stdout or to a file written
 * atomically. The download goes through the pager's cache: a file read before is not downloaded
 * again, and an interrupted download resumes where it stopped.
 */
export async function runResults({ values, args }: ParsedCommand): Promise<number> {
  const { client } = connectCommand(values);
  const job = await client.getBatch(args.ID!);
  const which = values.errors === true ? 'error' : 'output';
  const fileId = which === 'output' ? job.outputFileId : job.errorFileId;
  if (!fileId) {
    process.stderr.write(`fizz-batch: ${noFile(job, which)}\n`);
    return 1;
  }
  const opened: LineDocument[] = [];
  const progress = process.stderr.isTTY ? progressLine() : null;
  try {
    const document = await openRemoteDocument({ client, fileId, name: `${fileId} (${which} file of ${job.id})` });
    opened.push(document);
    const dest = typeof values.output === 'string' ? values.output : null;
    const onProgress = progress
      ? (p: ScanProgress) =>
          progress.show(
            `${which} file: ${formatBytes(p.scannedBytes)}${p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''}`,
          )
      : undefined;
    const stopWatching = progress ? watchDownload(document, progress.show) : () => undefined;
    try {
      if (values.joined === true) {
        const input = job.inputFileId ? await inputOf(client, job.inputFileId, opened) : null;
        await writeJoined(document, input, dest, onProgress);
      } else if (dest) {
        await saveDocument(document, dest, {
          overwrite: true,
          waitForDownload: true,
          ...(onProgress ? { onProgress } : {}),
        });
      } else {
        await saveDocumentToStdout(document);
      }
    } finally {
      stopWatching();
      progress?.clear();
    }
    if (dest)
      process.stderr.write(
        `Saved the ${values.joined === true ? 'joined ' : ''}${which} file of ${job.id} to ${dest}.\n`,
      );
    return 0;
  } finally {
    await Promise.all(opened.map((doc) => doc.close()));
  }
}

async function inputOf(client: BatchClient, fileId: string, opened: LineDocument[]): Promise<InputIndex> {
  const doc = await openRemoteDocument({ client, fileId, name: `${fileId} (input file)` });
  opened.push(doc);
  return new InputIndex(doc);
}

/** The joined export (the pager's J), to a file or (through a temporary file) to stdout. */
async function writeJoined(
  document: LineDocument,
  input: InputIndex | null,
  dest: string | null,
  onProgress?: (p: ScanProgress) => void,
): Promise<void> {
  const target = dest ?? join(defaultCacheDir(), `joined-${process.pid}-${Date.now()}.jsonl`);
  try {
    await exportJoined({
      sources: [document],
      input,
      dest: target,
      overwrite: true,
      waitForDownload: true,
      ...(onProgress ? { onProgress } : {}),
    });
    if (!dest) await pipeline(createReadStream(target), process.stdout, { end: false });
  } finally {
    input?.dispose();
    if (!dest) await rm(target, { force: true });
  }
}

/** The file as downloaded, once it is whole: a partial file is never passed on as if it were all. */
async function saveDocumentToStdout(document: LineDocument): Promise<void> {
  const state = await whenState(document, (s) => s.complete || Boolean(s.error));
  if (state.error) throw state.error instanceof Error ? state.error : new Error(String(state.error));
  await pipeline(createReadStream(document.path), process.stdout, { end: false });
}

function watchDownload(document: LineDocument, show: (text: string) => void): () => void {
  return document.subscribe(() => {
    const state = document.getState();
    if (!state.complete && !state.error)
      show(`downloading: ${formatBytes(state.bytes)}${state.totalBytes ? ` of ${formatBytes(state.totalBytes)}` : ''}`);
  });
}

function noFile(job: Batch, which: 'output' | 'error'): string {
  const missing = missingFile(job, which) ?? { why: 'not_given' as const, failed: job.requestCounts.failed };
  const text = missingFileText(missing, which, job.id, {
    status: job.status,
    errorsHint: job.errorFileId ? '--errors reads the error file' : null,
    count: String,
  });
  return missing.why === 'not_yet' ? `${text} fizz-batch watch ${job.id} waits for that.` : text;
}
