import { basename } from 'node:path';
import type { Batch, FileObject } from '../../api/index.js';
import { messageOf } from '../../api/index.js';
import { batchMetadata } from '../batch-options.js';
import { findCreatedBatch } from '../created-batch.js';
import type { ValidationReport } from '../validate/index.js';
import { createMayHaveHappened, removeStray, unknownOutcome } from './create-outcome.js';
import type { EarlyUpload } from './early-upload.js';
import { NewBatchPicker } from './picker.js';
import { RateMeter } from './rate-meter.js';

/**
 * The upload and the create of the new-batch flow (service.ts), with what keeps them safe: a run
 * token that makes a settled promise of an older run harmless, a cancelled upload that leaves
 * nothing on the server, and a create whose answer was lost looked for before it is sent again.
 */
export abstract class NewBatchTransfer extends NewBatchPicker {
  /** Bumped by every new operation and every cancel: a settled promise of an older run is ignored. */
  protected run = 0;
  protected abort: AbortController | null = null;
  /** The user is being asked whether to quit: nothing is created until they answer. */
  protected createHeld = false;
  /** When the first create of an uploaded file was sent: a lost answer is looked for from there on. */
  protected firstCreate: { fileId: string; at: number } | null = null;
  /** The upload started with the check (uploadWhileChecking), waiting for submit() to complete it. */
  protected early: EarlyUpload | null = null;

  /** What the created batch carries: the prepared file's metadata, and the description when there is one. */
  protected metadataFor(path: string, description: string): Record<string, string> {
    const { prepared } = this.getState();
    return batchMetadata(description, prepared?.path === path ? prepared.metadata : {});
  }

  /** A new run: aborts the previous one and returns the token of this one. */
  protected begin(): number {
    this.dropEarly();
    this.abort?.abort();
    this.abort = null;
    this.run += 1;
    return this.run;
  }

  /** Lets progress through at most every progressIntervalMs, and always the last one. */
  protected throttle(): (last: boolean) => boolean {
    const interval = this.options.progressIntervalMs ?? 100;
    let previous = -Infinity;
    return (last) => {
      const at = this.now();
      if (!last && at - previous < interval) return false;
      previous = at;
      return true;
    };
  }

  protected dropEarly(): void {
    this.early?.stop();
    this.early = null;
  }

  protected async upload(path: string, report: ValidationReport): Promise<void> {
    // The upload that began with the check goes on, now allowed to complete; any other is dropped.
    const early = this.early?.path === path ? this.early : null;
    if (early) this.early = null;
    const token = this.begin();
    const controller = new AbortController();
    this.abort = controller;
    const startedSec = Math.floor(this.now() / 1000);
    const rate = new RateMeter(this.now);
    const publish = this.throttle();
    let sent = 0;
    let total = report.bytes;
    this.setState({
      step: { name: 'uploading', path, report, progress: { sent: 0, total, bytesPerSecond: null, etaSeconds: null } },
      notice: null,
    });
    const onProgress = (bytes: number, size: number) => {
      sent = bytes;
      total = size;
      const perSecond = rate.add(bytes);
      if (token !== this.run || !publish(bytes >= size)) return;
      const eta = perSecond && perSecond > 0 ? (size - bytes) / perSecond : null;
      this.setState({
        step: {
          name: 'uploading',
          path,
          report,
          progress: { sent: bytes, total: size, bytesPerSecond: perSecond, etaSeconds: eta },
        },
      });
    };
    try {
      let file: FileObject;
      if (early) {
        early.listener.progress = onProgress;
        if (early.listener.last) onProgress(...early.listener.last);
        controller.signal.addEventListener('abort', early.stop, { once: true });
        early.release();
        file = await early.file;
      } else {
        file = await this.options.client.uploadFile(path, {
          purpose: 'batch',
          signal: controller.signal,
          ...(this.options.uploadRetries !== undefined ? { retries: this.options.uploadRetries } : {}),
          onProgress,
        });
      }
      if (token !== this.run) {
        // Cancelled (or left) after the server had stored it: it must not stay behind.
        await this.options.client.deleteFile(file.id).catch(() => undefined);
        this.cancelled(token, path, report);
        return;
      }
      if (this.createHeld) {
        this.setState({ step: { name: 'uploaded', path, report, file } });
        return;
      }
      await this.create(path, report, file, token, false);
    } catch (error) {
      if (token !== this.run) {
        // Every byte went out before the abort: the server may have kept the file after all.
        if (sent > 0 && sent >= total) await removeStray(this.options.client, basename(path), total, startedSec);
        this.cancelled(token, path, report);
        return;
      }
      this.setState({ step: { name: 'error', stage: 'upload', path, report, error, file: null } });
    } finally {
      if (this.abort === controller) this.abort = null;
    }
  }

  /** After a cancel settled: back to the form, saying so — unless something newer took over. */
  protected cancelled(token: number, path: string, report: ValidationReport): void {
    const { step } = this.getState();
    if (this.disposed || step.name !== 'cancelling' || this.run !== token + 1) return;
    this.setState({
      step: { name: 'form', path, report },
      notice: { text: 'Upload cancelled — nothing was created.', tone: 'warning' },
    });
  }

  /** `mayExist`: an earlier create of this file got no answer; the batch it may have made is looked for first. */
  protected async create(
    path: string,
    report: ValidationReport,
    file: FileObject,
    token: number,
    mayExist: boolean,
  ): Promise<void> {
    const { form } = this.getState();
    const metadata = this.metadataFor(path, form.description);
    if (mayExist) {
      this.setState({ step: { name: 'creating', path, report, file, looking: true }, notice: null });
      const lookup = await this.findCreated(file);
      if (token !== this.run) return;
      if (lookup.status === 'found') return this.created(lookup.batch, file);
      if (lookup.status === 'unknown') {
        // Creating again could start (and bill) the same batch twice: the user checks the job list.
        this.setState({
          step: {
            name: 'error',
            stage: 'lookup',
            path,
            report,
            error: new Error(unknownOutcome(lookup.reason)),
            file,
            createMayExist: true,
          },
        });
        return;
      }
    }
    this.setState({ step: { name: 'creating', path, report, file }, notice: null });
    if (this.firstCreate?.fileId !== file.id) this.firstCreate = { fileId: file.id, at: this.now() };
    try {
      const batch = await this.options.client.createBatch(
        {
          inputFileId: file.id,
          endpoint: report.endpoint!,
          completionWindow: form.completionWindow,
          ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
        },
        { keepRaw: this.options.keepRaw },
      );
      if (token !== this.run) return;
      this.created(batch, file);
    } catch (error) {
      if (token !== this.run) return;
      this.setState({
        step: {
          name: 'error',
          stage: 'create',
          path,
          report,
          error,
          file,
          createMayExist: createMayHaveHappened(error),
        },
      });
    }
  }

  protected created(batch: Batch, file: FileObject): void {
    this.setState({ step: { name: 'done', batch, file }, notice: null });
    this.options.onCreated?.(batch);
  }

  /** The batch an earlier create of `file` may have made, looked for in the job list from that create on. */
  private findCreated(file: FileObject) {
    return findCreatedBatch(this.options.client, file.id, {
      since: this.createSince(file),
      keepRaw: this.options.keepRaw,
    });
  }

  /** Where the lookup for a lost create starts: the first attempt with this file (now, if none is known). */
  protected createSince(file: FileObject): number {
    return this.firstCreate?.fileId === file.id ? this.firstCreate.at : this.now();
  }

  /**
   * Leaving after a failed create: the uploaded file goes too — but only when no batch can be using
   * it. After a refusal that is known; after a lost answer only a job list that shows no batch made
   * of it says so, and while that cannot be read the file is kept.
   */
  protected async abandonUploaded(
    path: string,
    report: ValidationReport,
    file: FileObject,
    mayExist: boolean,
  ): Promise<void> {
    const token = this.begin();
    if (mayExist) {
      this.setState({
        step: { name: 'form', path, report },
        notice: { text: `Looking for a batch made of ${file.id} before removing it…`, tone: 'info' },
      });
      const lookup = await this.findCreated(file);
      if (token !== this.run) return;
      if (lookup.status === 'found') return this.created(lookup.batch, file);
      if (lookup.status === 'unknown') {
        // Said first, as the line may be cut: what is unknown, and that the file stays.
        this.setState({
          notice: {
            text: `Unknown whether the batch was created — check the job list; ${file.id} is kept (a batch may use it). ${lookup.reason}`,
            tone: 'warning',
          },
        });
        return;
      }
    }
    this.setState({
      step: { name: 'form', path, report },
      notice: { text: `Removing the uploaded file ${file.id}…`, tone: 'info' },
    });
    try {
      await this.options.client.deleteFile(file.id);
      if (token === this.run)
        this.setState({
          notice: { text: `The batch was not created; the uploaded file ${file.id} was removed.`, tone: 'info' },
        });
    } catch (error) {
      if (token === this.run) {
        const reason = messageOf(error);
        this.setState({
          notice: {
            text: `The batch was not created, and ${file.id} could not be removed: ${reason}`,
            tone: 'warning',
          },
        });
      }
    }
  }
}
