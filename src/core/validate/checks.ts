import { isUtf8 } from 'node:buffer';
import { isBlank, type LineHandler } from './lines.js';
import { formatBytes, ProblemSink, type Problem } from './report.js';
import { formatCount } from '../../api/counts.js';
import { endpointKind, estimateTokens, inputChars } from './tokens.js';
import { firstInvalidUtf8, looksLikeUtf16 } from './utf8.js';
import type { CheckOptions, ValidationReport } from './check-types.js';
import { checkUrl, REQUIRED_INPUT } from './endpoint-check.js';
import { multipleModelsProblem } from './models-rule.js';
import { describe, parserReason, show, sizeText } from './wording.js';

/**
 * The checks of a batch input file, line by line, as OpenAI's documentation and its validation
 * errors describe them. State kept across lines: the
 * first line of each custom_id (for duplicates), the model counts, the endpoint of the file, and
 * bounded problem lists. Every independent problem of a line is reported, not only the first.
 */

const BLANK_MESSAGE =
  'Blank line between requests: fizz-batch skips it, but a strict provider may reject it as a line that is not JSON. Remove it.';

export class BatchChecker implements LineHandler {
  readonly errors: ProblemSink;
  readonly warnings: ProblemSink;
  private readonly firstLineOf = new Map<string, number>();
  private readonly modelCounts = new Map<string, number>();
  private readonly firstLineOfModel = new Map<string, number>();
  private firstModel: { model: string; line: number } | null = null;
  /** The first line whose model differs from the first line's. */
  private otherModelLine: number | null = null;
  private endpoint: { url: string; line: number } | null = null;
  private requests = 0;
  private lines = 0;
  private chars = 0;
  private tooMany: Problem | null = null;
  /** Blank lines not yet known to be in the middle: kept (up to the example limit) until a request follows. */
  private blankRun: number[] = [];
  private blankRunLength = 0;

  constructor(private readonly options: CheckOptions) {
    this.errors = new ProblemSink(options.examplesPerCode);
    this.warnings = new ProblemSink(options.examplesPerCode);
  }

  line(bytes: Buffer, lineNo: number): void {
    this.lines = lineNo;
    if (isBlank(bytes)) {
      if (this.blankRun.length < this.options.examplesPerCode) this.blankRun.push(lineNo);
      this.blankRunLength += 1;
      return;
    }
    this.request(lineNo);

    if (!isUtf8(bytes)) this.invalidUtf8(bytes, lineNo);
    const text = bytes.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.invalidJson(text, error, lineNo);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const hint = Array.isArray(value)
        ? " If the file holds one JSON array of requests, write each request on a line of its own instead (jq -c '.[]')."
        : '';
      this.error(
        'not_an_object',
        lineNo,
        null,
        `This line is ${describe(value)}, not an object: each line must be one request {"custom_id", "method", "url", "body"}.${hint}`,
      );
      return;
    }
    this.checkRequest(value as Record<string, unknown>, lineNo);
  }

  longLine(lineNo: number, byteLength: number): void {
    this.lines = lineNo;
    this.request(lineNo);
    this.error(
      'line_too_long',
      lineNo,
      null,
      `This line is ${formatBytes(byteLength)} long, too long to be one request; fizz-batch skipped it. Check for a missing line break.`,
    );
  }

  /** The report, once every line was seen. `bytes` is the size of the file. */
  finish(path: string, bytes: number): ValidationReport {
    // Blank lines after the last request are a trailing blank line: fine, and not reported.
    const { maxBytes, maxRequests } = this.options;
    if (bytes > maxBytes) {
      // Enough decimals that the two sizes differ on screen (a file just over 200 MB is not "200 MB").
      let digits = 1;
      while (digits < 6 && formatBytes(bytes, digits) === formatBytes(maxBytes, digits)) digits += 1;
      this.error(
        'file_too_large',
        null,
        null,
        `The file is ${sizeText(bytes, digits)}; the limit is ${sizeText(maxBytes, digits)}. Split it into smaller files.`,
      );
    }
    if (this.requests === 0) {
      const message =
        bytes === 0
          ? 'The file is empty: a batch file needs at least one request line.'
          : 'The file has only blank lines: a batch file needs at least one request line.';
      this.error('empty_file', null, null, message);
    }
    if (this.tooMany) {
      this.tooMany.message =
        `The file has ${formatCount(this.requests)} requests; a batch takes at most ${formatCount(maxRequests)}. ` +
        `This line holds request ${formatCount(maxRequests + 1)}, the first one over: split the file.`;
    }
    const models = [...this.modelCounts].map(([model, count]) => ({ model, count })).sort((a, b) => b.count - a.count);
    const several = multipleModelsProblem(models, this.firstModel, this.otherModelLine, this.options.modelsPerFile);
    if (several) (several.severity === 'error' ? this.errors : this.warnings).add(several.problem);
    const counts = { ...this.errors.counts(), ...this.warnings.counts() };
    return {
      path,
      bytes,
      lines: this.lines,
      requests: this.requests,
      endpoint: this.endpoint?.url ?? null,
      models,
      firstLineOfModel: this.firstLineOfModel,
      estimatedInputTokens: estimateTokens(this.chars),
      errors: this.errors.problems(),
      warnings: this.warnings.problems(),
      errorCount: this.errors.size,
      warningCount: this.warnings.size,
      counts,
    };
  }

  /** A request line: blank lines before it were in the middle of the file; the count may pass the limit. */
  private request(lineNo: number): void {
    if (this.blankRunLength > 0) {
      for (const line of this.blankRun)
        this.warnings.add({ code: 'blank_line', line, field: null, message: BLANK_MESSAGE });
      if (this.blankRunLength > this.blankRun.length)
        this.warnings.count('blank_line', this.blankRunLength - this.blankRun.length);
      this.blankRun = [];
      this.blankRunLength = 0;
    }
    this.requests += 1;
    if (this.requests === this.options.maxRequests + 1) {
      // The message names the total, known at the end (finish).
      this.tooMany = this.error('too_many_requests', lineNo, null, '');
    }
  }

  private error(code: string, line: number | null, field: string | null, message: string): Problem {
    return this.errors.add({ code, line, field, message });
  }

  private invalidUtf8(bytes: Buffer, lineNo: number): void {
    if (!this.errors.wants('invalid_utf8')) {
      this.errors.count('invalid_utf8', 1);
      return;
    }
    const at = firstInvalidUtf8(bytes);
    const byte = bytes[at] ?? 0;
    const where =
      at >= 0
        ? ` (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at byte ${formatCount(at + 1)} of the line)`
        : '';
    const fix =
      lineNo === 1 && looksLikeUtf16(bytes)
        ? 'The file looks like UTF-16: save it as UTF-8.'
        : 'Save the file as UTF-8 (for Windows-1252 text: iconv -f WINDOWS-1252 -t UTF-8).';
    this.error('invalid_utf8', lineNo, null, `This line is not valid UTF-8${where}. ${fix}`);
  }

  private invalidJson(text: string, error: unknown, lineNo: number): void {
    if (!this.errors.wants('invalid_json')) {
      this.errors.count('invalid_json', 1);
      return;
    }
    const reason = parserReason(error);
    const trimmed = text.trim();
    const hint =
      trimmed === '{' || trimmed === '['
        ? ' The file looks like pretty-printed JSON: a batch file needs each request on one line (jq -c).'
        : ' Each line must be one complete JSON object.';
    this.error('invalid_json', lineNo, null, `Not valid JSON: ${reason}.${hint}`);
  }

  private checkRequest(request: Record<string, unknown>, lineNo: number): void {
    this.checkCustomId(request.custom_id, lineNo);

    const method = request.method;
    if (method === undefined || method === null) {
      this.error('invalid_method', lineNo, 'method', 'method is missing: add "method": "POST".');
    } else if (method !== 'POST') {
      this.error(
        'invalid_method',
        lineNo,
        'method',
        `method is ${show(method)}; batch requests must use "method": "POST".`,
      );
    }

    const url = this.checkUrl(request.url, lineNo);

    const body = request.body;
    if (body === undefined || body === null) {
      this.error(
        'missing_body',
        lineNo,
        'body',
        'body is missing: add the request body, e.g. "body": {"model": "…", "messages": […]}.',
      );
      return;
    }
    if (typeof body !== 'object' || Array.isArray(body)) {
      this.error(
        'invalid_body',
        lineNo,
        'body',
        `body is ${describe(body)}; it must be an object with the request's parameters ("model", "messages", …).`,
      );
      return;
    }
    this.checkBody(body as Record<string, unknown>, url ?? this.endpoint?.url ?? null, lineNo);
  }

  private checkCustomId(id: unknown, lineNo: number): void {
    if (id === undefined || id === null) {
      this.error(
        'missing_custom_id',
        lineNo,
        'custom_id',
        'custom_id is missing: add a "custom_id" string, unique in the file, to match this request to its result.',
      );
      return;
    }
    if (typeof id !== 'string' || id === '') {
      const fix =
        typeof id === 'number' || typeof id === 'boolean' ? ` Write it as a string: "custom_id": "${String(id)}".` : '';
      this.error(
        'invalid_custom_id',
        lineNo,
        'custom_id',
        `custom_id is ${describe(id)}; it must be a non-empty string.${fix}`,
      );
      return;
    }
    const first = this.firstLineOf.get(id);
    if (first === undefined) {
      this.firstLineOf.set(id, lineNo);
    } else {
      this.error(
        'duplicate_custom_id',
        lineNo,
        'custom_id',
        `custom_id ${show(id)} is already used on line ${formatCount(first)}; every request needs its own custom_id.`,
      );
    }
  }

  /** The line's url when it is a supported endpoint, else null (after reporting why). */
  private checkUrl(url: unknown, lineNo: number): string | null {
    const checked = checkUrl(url, this.options.knownEndpoints);
    if (checked.kind === 'unsupported') {
      this.error('unsupported_endpoint', lineNo, 'url', checked.message);
      return null;
    }
    // Providers list more endpoints than fizz-batch knows (OpenAI's images and videos): the body
    // is not checked, but the file is not refused either. Said once, on the first such line.
    if (checked.kind === 'unknown' && this.endpoint === null)
      this.warnings.add({
        code: 'unknown_endpoint',
        line: lineNo,
        field: 'url',
        message: `url ${show(url)} is not an endpoint fizz-batch knows; the provider may accept it.`,
      });
    const path = checked.url;
    if (this.endpoint === null) {
      this.endpoint = { url: path, line: lineNo };
    } else if (path !== this.endpoint.url) {
      this.error(
        'mixed_endpoints',
        lineNo,
        'url',
        `url is ${path}, but line ${formatCount(this.endpoint.line)} uses ${this.endpoint.url}; a batch sends all its requests to one endpoint. Fix the url or put these requests in a file of their own.`,
      );
    }
    return path;
  }

  private checkBody(body: Record<string, unknown>, url: string | null, lineNo: number): void {
    const model = body.model;
    if (model === undefined || model === null || model === '') {
      this.error(
        'missing_model',
        lineNo,
        'body.model',
        'body.model is missing: name the model this request runs on, e.g. "model": "gpt-4o-mini".',
      );
    } else if (typeof model !== 'string') {
      this.error(
        'invalid_model',
        lineNo,
        'body.model',
        `body.model is ${describe(model)}; it must be the model's name as a string.`,
      );
    } else {
      this.modelCounts.set(model, (this.modelCounts.get(model) ?? 0) + 1);
      if (!this.firstLineOfModel.has(model)) this.firstLineOfModel.set(model, lineNo);
      if (this.firstModel === null) this.firstModel = { model, line: lineNo };
      else if (this.otherModelLine === null && model !== this.firstModel.model) this.otherModelLine = lineNo;
    }

    if (body.stream === true) {
      this.error(
        'streaming_unsupported',
        lineNo,
        'body.stream',
        'body.stream is true, but the Batch API does not stream responses: remove "stream" or set it to false.',
      );
    }

    const rule = url === null ? undefined : REQUIRED_INPUT[endpointKind(url)];
    if (rule) {
      const value = body[rule.field];
      if (value === undefined || value === null) {
        this.error(rule.code, lineNo, `body.${rule.field}`, `body.${rule.field} is missing: ${rule.what}.`);
      } else if (rule.field === 'messages' && !Array.isArray(value)) {
        this.error(
          'invalid_messages',
          lineNo,
          'body.messages',
          `body.messages is ${describe(value)}; it must be an array of {"role", "content"} objects.`,
        );
      }
    }
    this.chars += inputChars(body, url);
  }
}
