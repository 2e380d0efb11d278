import { resolve } from 'node:path';
import { messageOf, normalizeEndpoint, toWireBatch, type Batch, type BatchClient } from '../../api/index.js';
import { modelsPerFileOf, type Connection } from '../../config/index.js';
import { ModelsService } from '../../core/models.js';
import { NewBatchService } from '../../core/new-batch/service.js';
import type { PreparedOptions } from '../../core/new-batch/state.js';
import { groupReport } from '../../core/validate/index.js';
import { formatBytes } from '../../ui/format/numbers.js';
import { duration } from '../../ui/format/time.js';
import { connectCommand } from '../connect.js';
import { whenState } from '../when-state.js';
import { progressLine } from '../output/progress-line.js';
import { ExitCode, UsageError } from '../errors.js';
import { text, type ParsedCommand } from '../framework/spec.js';
import { jsonOutput, type JsonOutput } from '../options.js';
import { writeJson } from '../output/json.js';
import { textReport } from './validate.js';
import { followToEnd } from './watch.js';

/**
 * `fizz-batch submit FILE`: the console's new-batch flow for scripts, through the same service —
 * checked exactly as `validate` checks (exit 3 and nothing uploaded when the file has errors: the
 * upload runs beside the check but holds its last bytes until the check passes),
 * uploaded, created (never twice: a create whose answer was lost is looked for before anything
 * is sent again), the new id on stdout (with --json the batch). `--wait` then follows it as
 * `watch` does.
 */
export async function runSubmit({ values, args }: ParsedCommand): Promise<number> {
  const metadata = parseMetadata(values.metadata);
  const description = text(values.description);
  const output = jsonOutput(values);
  const { client, connection } = connectCommand(values);
  const batch = await submitFile(client, connection, resolve(args.FILE!), {
    window: text(values.window),
    endpoint: text(values.endpoint),
    prepared: { ...(description !== undefined ? { description } : {}), metadata },
    keepRaw: output.keepRaw,
  });
  if (typeof batch === 'number') return batch;
  return printCreated(client, batch, values.wait === true, output);
}

/**
 * A new batch on stdout: its id, or with --json the batch as the server answered the create. With
 * --wait it is then followed to its end as watch does, and --json prints the job as it ended
 * instead (one JSON document either way).
 */
export async function printCreated(
  client: BatchClient,
  batch: Batch,
  wait: boolean,
  output: JsonOutput,
): Promise<number> {
  if (!output.json) process.stdout.write(`${batch.id}\n`);
  if (wait) return followToEnd(client, batch.id, 5000, output);
  if (output.json) writeJson(toWireBatch(batch));
  return ExitCode.ok;
}

export interface SubmitOptions {
  window?: string | undefined;
  endpoint?: string | undefined;
  prepared: PreparedOptions;
  /** The created batch keeps what the server answered under `raw` (for --json --raw). */
  keepRaw?: boolean;
}

/** The batch created, or the exit code when no batch was made (what went wrong said on stderr). */
export async function submitFile(
  client: BatchClient,
  connection: Connection,
  path: string,
  options: SubmitOptions,
): Promise<Batch | number> {
  const profile = connection.profile;
  const models = new ModelsService(client);
  const service = new NewBatchService({
    client,
    cwd: process.cwd(),
    ...(profile?.completionWindows ? { completionWindows: profile.completionWindows } : {}),
    ...(profile?.maxRequests ? { maxRequests: profile.maxRequests } : {}),
    ...(profile?.maxFileBytes ? { maxBytes: profile.maxFileBytes } : {}),
    modelsPerFile: modelsPerFileOf(connection.baseURL),
    models,
    keepRaw: options.keepRaw,
    progressIntervalMs: 250,
    // No one reads the report before going on: the file goes up while it is checked.
    uploadWhileChecking: true,
  });
  const progress = process.stderr.isTTY ? progressLine() : null;
  try {
    const { completionWindows: windows, form } = service.getState();
    const window = options.window ?? form.completionWindow;
    if (!windows.includes(window))
      throw new UsageError(`--window takes one of ${windows.join(', ')} on ${connection.baseURL}; got '${window}'.`);
    if (!(await service.startWithFile(path, options.prepared)))
      throw new UsageError(service.getState().notice?.text ?? 'the metadata is not accepted');

    // The check, then the provider's models (as the console's report waits for them).
    let state = await whenState(service, (s) => s.step.name === 'report' || s.step.name === 'picking');
    if (state.step.name !== 'report') {
      process.stderr.write(`fizz-batch: cannot read ${path}: ${state.notice?.text ?? 'unreadable'}\n`);
      return ExitCode.runtime;
    }
    state = await whenState(service, (s) => s.modelCheck === null || s.modelCheck.status !== 'checking');
    const report = state.step.name === 'report' ? state.step.report : null;
    if (!report) return ExitCode.runtime;
    const { errors, warnings } = groupReport(report, { perGroup: 5 });
    if (report.errorCount > 0) {
      process.stderr.write(textReport(report, errors, warnings));
      process.stderr.write('fizz-batch: the file has errors; nothing was uploaded.\n');
      return ExitCode.validation;
    }
    if (options.endpoint !== undefined && report.endpoint !== normalizeEndpoint(options.endpoint)) {
      throw new UsageError(
        `the file's requests go to ${report.endpoint ?? 'no endpoint'}, not ${normalizeEndpoint(options.endpoint)}.`,
      );
    }
    for (const group of warnings) {
      const first = group.examples[0];
      process.stderr.write(
        `fizz-batch: warning: ${group.title}: ${group.count}${first ? ` (${first.line !== null ? `line ${first.line}: ` : ''}${first.message})` : ''}\n`,
      );
    }

    service.proceed();
    service.setForm({ completionWindow: window, description: options.prepared.description ?? '' });
    if (!service.submit())
      throw new UsageError(service.getState().notice?.text ?? 'the batch options are not accepted');
    const watchUpload = service.subscribe(() => {
      const { step } = service.getState();
      if (progress && step.name === 'uploading') {
        const { sent, total, etaSeconds } = step.progress;
        progress.show(
          `uploading ${formatBytes(sent)} of ${formatBytes(total)}${etaSeconds !== null ? ` · ${duration(etaSeconds)} left` : ''}`,
        );
      }
      if (progress && step.name === 'creating')
        progress.show(step.looking ? 'looking for the batch the lost answer may have made…' : 'creating the batch…');
    });
    let end = await whenState(service, (s) => s.step.name === 'done' || s.step.name === 'error');
    // A create that got no answer may have made the batch: r looks for it before sending again.
    if (end.step.name === 'error' && end.step.stage === 'create' && end.step.createMayExist) {
      service.retry();
      end = await whenState(service, (s) => s.step.name === 'done' || (s.step.name === 'error' && s.step !== end.step));
    }
    watchUpload();
    progress?.clear();
    if (end.step.name === 'done') {
      process.stderr.write(`Created ${end.step.batch.id} from ${path} (${end.step.file.id}).\n`);
      return end.step.batch;
    }
    if (end.step.name === 'error') {
      const what =
        end.step.stage === 'upload'
          ? 'the upload failed; nothing was created'
          : end.step.stage === 'lookup'
            ? 'whether the batch was created is unknown — check fizz-batch list before submitting again'
            : 'the batch was not created';
      const message = messageOf(end.step.error);
      process.stderr.write(
        `fizz-batch: ${what}${end.step.file ? ` (the file ${end.step.file.id} stays uploaded)` : ''}: ${message}\n`,
      );
    }
    return ExitCode.runtime;
  } finally {
    progress?.clear();
    service.dispose();
    models.dispose();
  }
}

/** `--metadata k=v` (any number of times). */
function parseMetadata(raw: unknown): Record<string, string> {
  const pairs = Array.isArray(raw) ? (raw as string[]) : [];
  const metadata: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--metadata takes key=value; got '${pair}'.`);
    metadata[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return metadata;
}
