import { modelFor } from '../catalogue.js';
import { describeType, isPlainObject } from '../errors.js';
import type { BatchErrorEntry, Endpoint } from '../types.js';
import { ENDPOINT_RULES } from './endpoints.js';
import { readLines } from './line-reader.js';

/**
 * Validation of a batch input file, as OpenAI does while a batch is `validating`: every line is
 * checked, each problem is reported once with its 1-based line number and OpenAI's code and
 * message. Streamed: memory holds one line and the set of custom_ids seen.
 */

export const MAX_REPORTED_ERRORS = 1000;

export interface InputRequest {
  customId: string;
  model: string;
  body: Record<string, unknown>;
  lineNo: number;
}

export interface ValidateOptions {
  endpoint: Endpoint;
  /** OpenAI allows one model per file; fizz.ai (the fizz flavour, the default) allows several. */
  allowMixedModels: boolean;
  maxRequests: number;
  /** Called for each valid request line, with its index among the file's request lines. */
  onRequest?: (request: InputRequest, index: number) => void;
}

export interface InputFileReport {
  /** Non-blank lines, valid or not. */
  requests: number;
  errors: BatchErrorEntry[];
  /** The models named by valid lines, in order of first use. */
  models: string[];
}

const JSON_LINE_MESSAGE = 'This line is not parseable as valid JSON.';

interface ScanState {
  /** custom_id → the line that used it first. */
  firstLineOf: Map<string, number>;
  /** model → the line that used it first. */
  models: Map<string, number>;
}

export async function validateInputFile(path: string, options: ValidateOptions): Promise<InputFileReport> {
  const errors: BatchErrorEntry[] = [];
  const state: ScanState = { firstLineOf: new Map(), models: new Map() };
  let requests = 0;
  // Blank lines are fine at the end of a file, not between requests: report them once a request follows.
  let blankLines: number[] = [];

  /** Records an error; false once there are as many as OpenAI reports, to stop the scan. */
  const report = (entry: BatchErrorEntry): boolean => {
    errors.push(entry);
    return errors.length < MAX_REPORTED_ERRORS;
  };

  scan: for await (const { lineNo, text } of readLines(path)) {
    if (text.trim() === '') {
      blankLines.push(lineNo);
      continue;
    }
    for (const blank of blankLines) {
      if (!report({ code: 'invalid_json_line', message: JSON_LINE_MESSAGE, param: null, line: blank })) break scan;
    }
    blankLines = [];

    requests += 1;
    if (requests > options.maxRequests) {
      const max = options.maxRequests.toLocaleString('en-US');
      report({
        code: 'too_many_tasks',
        message: `The input file contains more than ${max} requests; a batch may contain at most ${max}.`,
        param: null,
        line: null,
      });
      break;
    }

    const checked = checkLine(text, lineNo, options, state);
    if ('code' in checked) {
      if (!report(checked)) break;
    } else {
      options.onRequest?.(checked, requests - 1);
    }
  }

  if (requests === 0 && errors.length === 0) {
    errors.push({
      code: 'empty_file',
      message: 'The input file is empty. It must contain at least one request.',
      param: null,
      line: null,
    });
  }
  return { requests, errors, models: [...state.models.keys()] };
}

/** The first problem of one line, or the request it holds. */
function checkLine(
  text: string,
  lineNo: number,
  opts: ValidateOptions,
  state: ScanState,
): BatchErrorEntry | InputRequest {
  const at = (code: string, message: string, param: string | null): BatchErrorEntry => ({
    code,
    message,
    param,
    line: lineNo,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return at('invalid_json_line', JSON_LINE_MESSAGE, null);
  }
  if (!isPlainObject(parsed)) return at('invalid_json_line', 'This line is not a JSON object.', null);

  for (const key of ['custom_id', 'method', 'url', 'body']) {
    if (parsed[key] === undefined || parsed[key] === null)
      return at('missing_required_parameter', `Missing required parameter: '${key}'.`, key);
  }
  const { custom_id: customId, method, url, body } = parsed;
  if (typeof customId !== 'string') {
    return at(
      'invalid_request',
      `Invalid type for 'custom_id': expected a string, but got ${describeType(customId)} instead.`,
      'custom_id',
    );
  }
  const firstUse = state.firstLineOf.get(customId);
  if (firstUse !== undefined) {
    return at(
      'duplicate_custom_id',
      `The custom_id '${customId}' is used more than once; it was first used on line ${firstUse}.`,
      'custom_id',
    );
  }
  state.firstLineOf.set(customId, lineNo);

  if (method !== 'POST')
    return at(
      'invalid_request',
      `The method must be 'POST', but this request uses ${JSON.stringify(method)}.`,
      'method',
    );
  if (url !== opts.endpoint)
    return at('invalid_url', 'The URL provided for this request does not match the batch endpoint.', 'url');
  if (!isPlainObject(body))
    return at(
      'invalid_request',
      `Invalid type for 'body': expected an object, but got ${describeType(body)} instead.`,
      'body',
    );

  const rules = ENDPOINT_RULES[opts.endpoint];
  if (rules.streamingLabel && body.stream === true) {
    return at(
      'streaming_unsupported',
      `${rules.streamingLabel}: Streaming is not supported in the Batch API.`,
      'body.stream',
    );
  }
  const model = body.model;
  if (model === undefined || model === null || model === '')
    return at('invalid_request', 'Model parameter is required.', 'body.model');
  if (typeof model !== 'string' || !modelFor(opts.endpoint, model)) {
    return at(
      'model_not_found',
      `The provided model '${String(model)}' is not supported by the Batch API.`,
      'body.model',
    );
  }
  if (body[rules.required.field] === undefined || body[rules.required.field] === null) {
    return at('invalid_request', rules.required.message, `body.${rules.required.field}`);
  }
  const first = state.models.entries().next().value;
  if (first && first[0] !== model && !opts.allowMixedModels) {
    return at(
      'mismatched_model',
      `The model '${model}' does not match the model '${first[0]}' used on line ${first[1]}. A batch input file may only use one model.`,
      'body.model',
    );
  }
  if (!state.models.has(model)) state.models.set(model, lineNo);
  return { customId, model, body, lineNo };
}
