import { dirname } from 'node:path';
import { messageOf, plural, pluralWord } from '../../api/index.js';
import { batchOptionsProblem, metadataProblem } from '../batch-options.js';
import { MODEL_NOT_OFFERED, validateBatchFile, withOfferedModels, type ValidationReport } from '../validate/index.js';
import { startEarlyUpload } from './early-upload.js';
import type { NewBatchForm, PreparedOptions } from './state.js';
import { NewBatchTransfer } from './transfer.js';

/**
 * The new-batch flow of the console as a service outside React: pick a file,
 * check it, fill the form, upload, create. The screen shows `state` and calls the methods; every
 * rule lives here — above all that nothing is uploaded while the report has errors, and that a
 * cancelled upload leaves nothing behind on the server.
 *
 *   picking → validating → report → form → uploading → creating → done
 *                 ↓ esc       ↓ esc   ↓ esc     ↓ esc (cancelling → form)   ↓ failure
 *              picking     picking  report     error(upload) ⟲ r     error(create) ⟲ r
 *
 * While the user is asked whether to quit (holdCreate), a finished upload waits in `uploaded`:
 * staying (releaseCreate) creates the batch, quitting (quit) leaves it uncreated.
 */
export class NewBatchService extends NewBatchTransfer {
  /**
   * Starts from a file prepared elsewhere (resubmit): it is checked like a picked one, the form
   * starts with the description, and the batch carries the metadata besides the description.
   * False (with a notice) when the metadata breaks OpenAI's limits.
   */
  async startWithFile(path: string, options: PreparedOptions = {}): Promise<boolean> {
    const metadata = { ...options.metadata };
    const description = options.description?.trim() ?? '';
    const problem = metadataProblem({ ...metadata, ...(description ? { description } : {}) });
    if (problem) {
      this.setState({ notice: { text: problem, tone: 'danger' } });
      return false;
    }
    this.setState({ prepared: { path, metadata, description }, form: { ...this.getState().form, description } });
    // Made elsewhere (the cache): not a directory the user chose, so not one to remember.
    await this.check(path, false);
    return true;
  }

  // --- validating and the report -------------------------------------------------------------

  /**
   * The user picked a file: checks the whole file, streamed; the report follows, or the picker with
   * the reason it could not be read. Its directory is where the picker starts next time.
   */
  validate(path: string): Promise<void> {
    return this.check(path, true);
  }

  private async check(path: string, remember: boolean): Promise<void> {
    const token = this.begin();
    const controller = new AbortController();
    this.abort = controller;
    const parent = dirname(path);
    this.forgetPreparedUnless(path);
    this.setState({
      step: { name: 'validating', path, bytesRead: 0, totalBytes: 0 },
      chosen: path,
      notice: null,
      modelCheck: null,
    });
    // The picker comes back to the file's own directory (a typed path may have been elsewhere).
    if (parent !== this.getState().dir) void this.show(parent, remember);
    else if (remember) this.options.onDirectory?.(parent);
    const publish = this.throttle();
    if (this.options.uploadWhileChecking)
      this.early = startEarlyUpload(this.options.client, path, this.options.uploadRetries);
    try {
      const report = await validateBatchFile(path, {
        ...(this.options.maxRequests ? { maxRequests: this.options.maxRequests } : {}),
        ...(this.options.maxBytes ? { maxBytes: this.options.maxBytes } : {}),
        ...(this.options.modelsPerFile ? { modelsPerFile: this.options.modelsPerFile } : {}),
        signal: controller.signal,
        onProgress: (bytesRead, totalBytes) => {
          if (token !== this.run || !publish(bytesRead >= totalBytes)) return;
          this.setState({ step: { name: 'validating', path, bytesRead, totalBytes } });
        },
      });
      if (token !== this.run) return;
      this.setState({ step: { name: 'report', path, report } });
      void this.checkModels(token, path, report);
    } catch (error) {
      if (token !== this.run) return;
      this.setState({
        step: { name: 'picking' },
        notice: { text: messageOf(error), tone: 'danger' },
      });
    } finally {
      if (this.abort === controller) this.abort = null;
    }
  }

  /**
   * Adds the provider's verdict on the file's models to the report, when the list arrives (at once
   * when the models screen loaded it already). The user may go on meanwhile: the report, or the
   * form if they went on, gains the warnings; once the upload started it is too late to matter.
   */
  private async checkModels(token: number, path: string, report: ValidationReport): Promise<void> {
    const source = this.options.models;
    if (!source || report.models.length === 0) return;
    this.setState({ modelCheck: { status: 'checking' } });
    const listed = await source.settled();
    const { step } = this.getState();
    if (token !== this.run || (step.name !== 'report' && step.name !== 'form') || step.path !== path) return;
    if (!listed.models || listed.models.length === 0) {
      // No list is no evidence: saying every model is missing would be a false alarm.
      const reason = listed.models ? 'the provider lists no models' : errorText(listed.error);
      this.setState({ modelCheck: { status: 'unavailable', reason } });
      return;
    }
    const checked = withOfferedModels(
      step.report,
      listed.models.map((m) => m.id),
    );
    const missing = checked.counts[MODEL_NOT_OFFERED] ?? 0;
    // The user went on before the list came: the form says it, since the report is behind them.
    const late = step.name === 'form' && missing > 0;
    const models = `${plural(missing, 'model')} of the file ${pluralWord(missing, 'is', 'are')}`;
    this.setState({
      step: { ...step, report: checked },
      modelCheck: { status: 'checked', missing },
      ...(late
        ? {
            notice: {
              text: `${models} not offered by this provider: their requests would fail with model_not_found. esc shows the report.`,
              tone: 'warning' as const,
            },
          }
        : {}),
    });
  }

  /** enter on the report: on to the form, unless the file has errors. */
  proceed(): boolean {
    const { step } = this.getState();
    if (step.name !== 'report') return false;
    if (step.report.errorCount > 0) {
      this.setState({
        notice: {
          text: 'The file has errors: fix them and pick it again. Nothing is uploaded while the report has errors.',
          tone: 'danger',
        },
      });
      return false;
    }
    this.setState({ step: { name: 'form', path: step.path, report: step.report }, notice: null });
    return true;
  }

  // --- the form and the upload ---------------------------------------------------------------

  setForm(patch: Partial<NewBatchForm>): void {
    this.setState({ form: { ...this.getState().form, ...patch } });
  }

  /** Starts the upload with the form as it is. Refused (with a notice) when something is wrong. */
  submit(): boolean {
    const { step, form, completionWindows } = this.getState();
    if (step.name !== 'form') return false;
    if (step.report.errorCount > 0 || !step.report.endpoint) {
      this.setState({ notice: { text: 'The file has errors: nothing is uploaded.', tone: 'danger' } });
      return false;
    }
    const problem = batchOptionsProblem({
      completionWindow: form.completionWindow,
      windows: completionWindows,
      metadata: this.metadataFor(step.path, form.description),
    });
    if (problem) {
      this.setState({ notice: { text: problem, tone: 'warning' } });
      return false;
    }
    void this.upload(step.path, step.report);
    return true;
  }

  /** r after a failure: the upload again from the start, or the create again with the file already uploaded. */
  retry(): boolean {
    const { step } = this.getState();
    if (step.name !== 'error') return false;
    if (step.stage !== 'upload' && step.file)
      void this.create(step.path, step.report, step.file, this.begin(), step.createMayExist === true);
    else void this.upload(step.path, step.report);
    return true;
  }

  /**
   * esc/q during a check or an upload. An upload is aborted mid-body, so the server never gets a
   * whole file; should the last byte have gone out already, the file the server kept is deleted.
   */
  cancel(): boolean {
    const { step } = this.getState();
    if (step.name === 'validating') {
      this.begin();
      this.setState({ step: { name: 'picking' }, notice: { text: 'Check cancelled.', tone: 'info' } });
      return true;
    }
    if (step.name === 'uploading') {
      this.begin();
      this.setState({ step: { name: 'cancelling', path: step.path, report: step.report } });
      return true;
    }
    return false;
  }

  /**
   * ctrl-c asked "Quit?": until the answer, an upload that finishes does not go on to create the
   * batch — the user may be about to leave, and a batch costs money.
   */
  holdCreate(): void {
    this.createHeld = true;
  }

  /** The user stays: a file uploaded meanwhile becomes the batch now. */
  releaseCreate(): void {
    this.createHeld = false;
    const { step } = this.getState();
    if (step.name === 'uploaded') void this.create(step.path, step.report, step.file, this.run, false);
  }

  /**
   * The user quits: an upload is aborted (the server keeps nothing) and nothing is created from
   * here on. Returns what the user should know afterwards: a file uploaded with no batch made
   * of it (it stays on the server), or null.
   */
  quit(): string | null {
    this.createHeld = true;
    const { step } = this.getState();
    if (step.name === 'uploaded') {
      this.begin();
      const text = `The file was uploaded as ${step.file.id}, but no batch was created (you quit before it was). It stays on the server: the files screen (f) can delete it or make a batch of it.`;
      this.setState({
        step: { name: 'form', path: step.path, report: step.report },
        notice: { text, tone: 'warning' },
      });
      return text;
    }
    this.cancel();
    return null;
  }

  /** One step back; false on the picker (the screen is left then). */
  back(): boolean {
    const { step } = this.getState();
    switch (step.name) {
      case 'picking':
        return false;
      case 'validating':
      case 'uploading':
        return this.cancel();
      case 'report':
        this.dropEarly();
        this.setState({ step: { name: 'picking' }, notice: null });
        return true;
      case 'form':
        this.setState({ step: { name: 'report', path: step.path, report: step.report }, notice: null });
        return true;
      case 'error':
        if (step.stage !== 'upload' && step.file)
          void this.abandonUploaded(step.path, step.report, step.file, step.createMayExist === true);
        else this.setState({ step: { name: 'form', path: step.path, report: step.report }, notice: null });
        return true;
      default:
        // cancelling, creating: a moment; done: the screen moves on.
        return true;
    }
  }

  /** The news line has been read (the user moved on). */
  clearNotice(): void {
    if (this.getState().notice) this.setState({ notice: null });
  }

  /** Stops whatever runs (an upload is aborted, so the server keeps nothing) and ignores what settles later. */
  dispose(): void {
    this.disposed = true;
    this.begin();
    this.clearListeners();
  }

  // --- internals -----------------------------------------------------------------------------

  /** The prepared metadata belongs to its file: picking another drops it (and the description it brought). */
  private forgetPreparedUnless(path: string): void {
    const { prepared, form } = this.getState();
    if (!prepared || prepared.path === path) return;
    this.setState({
      prepared: null,
      form: form.description === prepared.description ? { ...form, description: '' } : form,
    });
  }
}

/** An error as one line for a notice; "unknown error" when it says nothing. */
function errorText(error: unknown): string {
  const text = error instanceof Error || typeof error === 'string' ? messageOf(error) : '';
  return text.trim() || 'unknown error';
}
