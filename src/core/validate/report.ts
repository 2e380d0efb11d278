/**
 * The report model of a batch-file check: problems with their line and field, kept in bounded
 * memory (the first examples of each code and a count of all of them), and grouped for display.
 */

export interface Problem {
  /** Stable identifier of the kind of problem, e.g. `duplicate_custom_id`. */
  code: string;
  /** 1-based line number, or null for a problem of the whole file. */
  line: number | null;
  /** The field at fault, as a dotted path (`body.model`), or null. */
  field: string | null;
  /** What is wrong and what to fix. */
  message: string;
}

export type Severity = 'error' | 'warning';

export interface ProblemGroup {
  code: string;
  title: string;
  severity: Severity;
  /** Every problem of this code in the file, shown or not. */
  count: number;
  /** The first problems, in line order. */
  examples: Problem[];
  /** count − examples.length: what the display sums up as "and N more". */
  more: number;
}

/** Titles of the codes; the display uses them as group headings. */
const TITLES: Record<string, string> = {
  empty_file: 'Empty file',
  file_too_large: 'File too large',
  too_many_requests: 'Too many requests',
  line_too_long: 'Line too long',
  invalid_utf8: 'Invalid UTF-8',
  invalid_json: 'Invalid JSON',
  not_an_object: 'Line is not a JSON object',
  missing_custom_id: 'Missing custom_id',
  invalid_custom_id: 'custom_id is not a string',
  duplicate_custom_id: 'Duplicate custom_id',
  invalid_method: 'Method is not POST',
  unsupported_endpoint: 'Unsupported endpoint (url)',
  unknown_endpoint: 'Endpoint fizz-batch does not know (url)',
  mixed_endpoints: 'Different endpoints in one file',
  missing_body: 'Missing body',
  invalid_body: 'body is not an object',
  missing_model: 'Missing body.model',
  invalid_model: 'body.model is not a string',
  missing_messages: 'Missing body.messages',
  invalid_messages: 'body.messages is not an array',
  missing_input: 'Missing body.input',
  missing_prompt: 'Missing body.prompt',
  streaming_unsupported: 'Streaming requested (body.stream)',
  multiple_models: 'Several models in one file',
  model_not_offered: 'Model not offered by this provider',
  blank_line: 'Blank line between requests',
};

export function problemTitle(code: string): string {
  return TITLES[code] ?? code.replace(/_/g, ' ');
}

/** Orders problems: whole-file problems (line null) first, then by line. Stable otherwise. */
function byLine(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

/**
 * Collects the problems of one severity in bounded memory: for each code, the first `keep`
 * problems and the count of all of them. A file with 50,000 bad lines costs a few kilobytes.
 */
export class ProblemSink {
  private readonly kept = new Map<string, Problem[]>();
  private readonly totals = new Map<string, number>();
  private total = 0;

  constructor(private readonly keep: number) {}

  add(problem: Problem): Problem {
    this.count(problem.code, 1);
    let list = this.kept.get(problem.code);
    if (!list) this.kept.set(problem.code, (list = []));
    if (list.length < this.keep) list.push(problem);
    return problem;
  }

  /** Counts `n` problems of `code` whose details are not kept (there are enough examples already). */
  count(code: string, n: number): void {
    this.totals.set(code, (this.totals.get(code) ?? 0) + n);
    this.total += n;
  }

  /** Whether another problem of `code` would still be kept (callers skip building its message). */
  wants(code: string): boolean {
    return (this.kept.get(code)?.length ?? 0) < this.keep;
  }

  get size(): number {
    return this.total;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.totals);
  }

  /** The kept problems, whole-file ones first, then in line order. */
  problems(): Problem[] {
    return [...this.kept.values()].flat().sort(byLine);
  }
}

export interface GroupOptions {
  /** Examples shown per group (default 5). */
  perGroup?: number;
  /** Totals per code when `problems` holds only the first of each (a report's `counts`). */
  counts?: Record<string, number>;
  severity?: Severity;
}

/**
 * Groups problems by code, in the order their first problem appears (whole-file problems first),
 * with the first `perGroup` as examples and the rest counted: "and 9,812 more".
 */
export function groupProblems(
  problems: readonly Problem[],
  { perGroup = 5, counts, severity = 'error' }: GroupOptions = {},
): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const problem of [...problems].sort(byLine)) {
    let group = groups.get(problem.code);
    if (!group) {
      group = { code: problem.code, title: problemTitle(problem.code), severity, count: 0, examples: [], more: 0 };
      groups.set(problem.code, group);
    }
    group.count += 1;
    if (group.examples.length < perGroup) group.examples.push(problem);
  }
  for (const group of groups.values()) {
    group.count = Math.max(group.count, counts?.[group.code] ?? 0);
    group.more = group.count - group.examples.length;
  }
  return [...groups.values()];
}

/**
 * Sizes in binary units, as `ls -h` shows them: 209715200 → "200 MB". `digits` decimals at most
 * (trailing zeros dropped), 1 by default and none from 100 up unless asked.
 */
export function formatBytes(bytes: number, digits?: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const places = digits ?? (value >= 100 ? 0 : 1);
  const text = value
    .toFixed(places)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return `${text} ${units[unit]}`;
}
