import { plural } from '../../../api/index.js';
import type { InputRequest, ResultRecord } from '../../../core/results/record/types.js';
import { prettyJson } from '../../../core/results/record/pretty-json.js';
import type { LoadedRecord } from '../../../core/results/session/records.js';
import type { ResultsKind } from '../../../core/results/session/state.js';
import { cellWidth, takeWidth, truncate } from '../../format/fit.js';
import { formatCount } from '../../format/numbers.js';
import type { Tone } from '../../theme/theme.js';
import { hardRows, plain, wrapRows } from './RecordWrap.js';
import { keyLabel } from '../../keys/keymap.js';

/** v: a record's raw JSON, where what the record view leaves out is. */
const rawKey = keyLabel('rawView', 'results');

/**
 * A record as the pager's rows: computed here, drawn by RecordRows. Pure and cached per record,
 * so that moving through a file lays out only what comes on screen.
 */

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  /** Text the search found (see RecordHighlight). */
  match?: boolean;
}

export type Row =
  | { kind: 'line'; segments: Segment[] }
  /** Input beside result (wide terminals): the left cell is `split` columns wide. */
  | { kind: 'split'; split: number; left: Segment[]; right: Segment[] };

export interface RecordLayoutOptions {
  width: number;
  /** The body's rows: a record never takes more in the record view (the raw view scrolls). */
  maxRows: number;
  raw: boolean;
  /** `i`: the input request beside or above each result. */
  showInput: boolean;
  kind: ResultsKind;
}

/** From this width the input request sits beside the result instead of above it. */
export const SIDE_BY_SIDE_WIDTH = 110;
/** A message of the input request takes at most this many rows ("…" after). */
const INPUT_MESSAGE_ROWS = 3;
/** The rows of an invalid line's raw text in the record view. */
const INVALID_RAW_ROWS = 3;
/** Answers indent under their heading. */
const INDENT = 2;

const cache = new WeakMap<LoadedRecord, { key: string; rows: Row[] }>();

export function layoutRecord(loaded: LoadedRecord, options: RecordLayoutOptions): Row[] {
  const key = `${options.width}:${options.maxRows}:${options.raw}:${options.showInput}:${options.kind}`;
  const cached = cache.get(loaded);
  if (cached?.key === key) return cached.rows;
  const rows = options.raw ? rawRows(loaded, options) : recordRows(loaded, options);
  cache.set(loaded, { key, rows });
  return rows;
}

/** A line that is still being read from disk. */
export function loadingRows(line: number): Row[] {
  return [
    line1([
      { text: formatCount(line + 1), tone: 'accent', bold: true },
      { text: '  reading…', tone: 'muted' },
    ]),
  ];
}

// --- the record view -------------------------------------------------------------------------

function recordRows(loaded: LoadedRecord, options: RecordLayoutOptions): Row[] {
  const { record } = loaded;
  const { width, maxRows } = options;
  const heading = line1(headingSegments(loaded));
  const room = Math.max(1, maxRows - 1);
  if (record.kind === 'input') return [heading, ...requestRows(record.request, width - INDENT, room, true).map(indent)];
  if (record.kind === 'invalid') return [heading, ...invalidRows(record, width - INDENT, room).map(indent)];

  const inputRows = options.showInput ? joinedInputRows(loaded) : null;
  const sideBySide = inputRows !== null && width >= SIDE_BY_SIDE_WIDTH;
  if (sideBySide) {
    // The answer is what the reader came for: it gets the wider column.
    const split = Math.floor(width * 0.42);
    const left = inputRows(split - 2, room);
    const right = resultRows(record, width - split - 1, room);
    const rows: Row[] = [heading];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      rows.push({ kind: 'split', split, left: left[i] ?? [], right: right[i] ?? [] });
    }
    return rows;
  }
  // Above the result: the request takes at most half of what there is, the answer the rest.
  const above = inputRows ? inputRows(width - INDENT, Math.max(1, Math.floor(room / 2))) : [];
  const below = resultRows(record, width - INDENT, Math.max(1, room - above.length));
  return [heading, ...above.map(indent), ...below.map(indent)];
}

/** `12  request-7 · 200 · stop · 31→120 tokens` */
function headingSegments({ line, record }: LoadedRecord): Segment[] {
  const out: Segment[] = [{ text: formatCount(line + 1), tone: 'accent', bold: true }, { text: '  ' }];
  const sep = (): void => void out.push({ text: ' · ', tone: 'muted' });
  out.push(record.customId !== null ? { text: record.customId, bold: true } : { text: 'no custom_id', tone: 'muted' });
  switch (record.kind) {
    case 'output': {
      if (record.statusCode !== null) {
        sep();
        out.push({ text: String(record.statusCode), tone: 'success' });
      }
      if (record.finishReason) {
        sep();
        // A cut answer (max_tokens reached) is worth noticing.
        out.push({ text: record.finishReason, tone: record.finishReason === 'length' ? 'warning' : 'text' });
      }
      const tokens = tokenText(record.usage);
      if (tokens) {
        sep();
        out.push({ text: tokens, tone: 'muted' });
      }
      if (record.model) {
        sep();
        out.push({ text: record.model, tone: 'muted' });
      }
      break;
    }
    case 'error': {
      sep();
      const code = [record.statusCode !== null ? String(record.statusCode) : null, record.error.code]
        .filter(Boolean)
        .join(' ');
      out.push({ text: `✗ ${code || 'error'}`, tone: 'danger', bold: true });
      break;
    }
    case 'input': {
      const { method, url, model } = record.request;
      if (method || url) {
        sep();
        out.push({ text: [method, url].filter(Boolean).join(' '), tone: 'muted' });
      }
      if (model) {
        sep();
        out.push({ text: model });
      }
      break;
    }
    case 'invalid':
      sep();
      out.push({ text: '⚠ shown raw', tone: 'warning', bold: true });
      break;
  }
  return out;
}

function tokenText(
  usage: { prompt: number | null; completion: number | null; total: number | null } | null,
): string | null {
  if (!usage) return null;
  if (usage.prompt !== null && usage.completion !== null)
    return `${formatCount(usage.prompt)}→${formatCount(usage.completion)} tokens`;
  if (usage.total !== null) return `${formatCount(usage.total)} tokens`;
  return null;
}

/** The answer, or the error, cut so the record fits; the cut says how much is left. */
function resultRows(record: ResultRecord, width: number, room: number): Segment[][] {
  if (record.kind === 'error') {
    const code = record.error.code ? `${record.error.code}: ` : '';
    const text = `${code}${record.error.message ?? '(no message)'}`;
    return [...capped(text, width, room, 'danger'), ...flagRows(record.flags, width)];
  }
  if (record.kind !== 'output') return [];
  const flags = flagRows(record.flags, width);
  const more =
    record.choices > 1
      ? [[{ text: `(choice 1 of ${record.choices}; ${rawKey} shows them all)`, tone: 'muted' as const }]]
      : [];
  if (record.message === null)
    return [[{ text: `(no message in the response body; ${rawKey} shows it)`, tone: 'muted' }], ...flags];
  const text = record.role !== null ? `${record.role}: ${record.message}` : record.message;
  const rows = capped(text, width, Math.max(1, room - flags.length - more.length), 'text');
  return [...(record.role !== null ? labelFirst(rows, record.role) : rows), ...more, ...flags];
}

/**
 * Rows whose text begins with `role: `, that word set apart like a speaker's name (request and
 * answer read as a conversation even without colour: the word is there either way).
 */
function labelFirst(rows: Segment[][], role: string): Segment[][] {
  const first = rows[0]?.[0];
  const label = `${role}: `;
  if (!first || !first.text.startsWith(label)) return rows;
  return [
    [{ text: role, tone: 'info', bold: true }, { ...first, text: first.text.slice(role.length) }, ...rows[0]!.slice(1)],
    ...rows.slice(1),
  ];
}

/** Wrapped text of at most `room` rows; when cut, the last row says how many more there are. */
function capped(text: string, width: number, room: number, tone: Tone): Segment[][] {
  const all = wrapRows(text, width, room);
  if (all.total <= room) return all.rows.map((row) => [{ text: row, tone }]);
  const shown = all.rows.slice(0, Math.max(0, room - 1)).map((row): Segment[] => [{ text: row, tone }]);
  const left = all.total - shown.length;
  shown.push([{ text: `… ${plural(left, 'more row', { grouped: true })} (v: raw)`, tone: 'muted' }]);
  return shown;
}

function flagRows(flags: readonly string[], width: number): Segment[][] {
  if (flags.length === 0) return [];
  return [[{ text: `(${flags.join('; ')})`.slice(0, Math.max(0, width)), tone: 'muted' }]];
}

/** What the input side shows for a result: the request, or why there is none. Null: say nothing. */
function joinedInputRows(loaded: LoadedRecord): ((width: number, room: number) => Segment[][]) | null {
  const { input } = loaded;
  switch (input.status) {
    case 'none':
      return null;
    case 'pending':
      return () => [[{ text: 'input: not indexed this far yet…', tone: 'muted' }]];
    case 'missing':
      return () => [[{ text: `input: no request with this custom_id in the input file`, tone: 'warning' }]];
    case 'found': {
      // The heading of a result names the model that answered: the request's is said only when it differs.
      const answered = loaded.record.kind === 'output' ? loaded.record.model : null;
      return (width, room) => requestRows(input.request, width, room, false, answered);
    }
  }
}

/**
 * A request: model (unless the heading shows it already) and parameters on one row, then each
 * message (role: text), each wrapped and cut after a few rows, all of it within `room` rows.
 */
function requestRows(
  request: InputRequest,
  width: number,
  room: number,
  whole: boolean,
  shownModel: string | null = null,
): Segment[][] {
  const rows: Segment[][] = [];
  const params = Object.entries(request.params).map(([k, v]) => `${k} ${v}`);
  // A model name is one long word: on a row of its own, cut at the end rather than broken across rows.
  if (request.model && request.model !== shownModel)
    rows.push([{ text: fitRow(`model ${request.model}`, width), tone: 'muted' }]);
  if (params.length > 0)
    rows.push(
      ...ellipsised(wrapRows(params.join(' · '), width, whole ? 3 : 2), width).map((row) => [
        { text: row, tone: 'muted' as const },
      ]),
    );
  const perMessage = whole
    ? Math.max(INPUT_MESSAGE_ROWS, Math.floor((room - rows.length) / Math.max(1, request.messages.length)))
    : INPUT_MESSAGE_ROWS;
  for (const message of request.messages) {
    const label = `${message.role}: `;
    rows.push(
      ...labelFirst(
        ellipsised(wrapRows(label + message.text, width, perMessage), width).map((text): Segment[] => [{ text }]),
        message.role,
      ),
    );
  }
  if (request.input !== null) rows.push(...capped(`input: ${request.input}`, width, perMessage, 'text'));
  if (rows.length === 0) rows.push([{ text: '(an empty request)', tone: 'muted' }]);
  if (rows.length <= room) return rows;
  const kept = rows.slice(0, Math.max(0, room - 1));
  kept.push([{ text: `… ${formatCount(rows.length - kept.length)} more rows of the request (v: raw)`, tone: 'muted' }]);
  return kept;
}

/** The text in `width` cells, ending in … when it was longer. */
function fitRow(text: string, width: number): string {
  return truncate(text, width);
}

/** The rows, the last one ending in … when the text went on. */
function ellipsised({ rows, total }: { rows: string[]; total: number }, width: number): string[] {
  if (total <= rows.length || rows.length === 0) return rows;
  const last = rows.at(-1)!;
  return [...rows.slice(0, -1), `${cellWidth(last) >= width ? takeWidth(last, width - 1) : last}…`];
}

function invalidRows(record: Extract<ResultRecord, { kind: 'invalid' }>, width: number, room: number): Segment[][] {
  const rows: Segment[][] = [[{ text: `⚠ ${record.reason}`, tone: 'warning' }]];
  if (record.raw.trim() !== '') {
    const raw = hardRows(record.raw, width, Math.min(INVALID_RAW_ROWS, Math.max(1, room - 1)));
    rows.push(...raw.rows.map((row): Segment[] => [{ text: row, tone: 'warning' }]));
    if (raw.total > raw.rows.length)
      rows.push([{ text: `… ${formatCount(raw.total - raw.rows.length)} more rows (v: raw)`, tone: 'muted' }]);
  }
  return rows.slice(0, Math.max(1, room));
}

// --- the raw view ----------------------------------------------------------------------------

/** The line as pretty JSON (or as it is, when it is not JSON), with its line number. */
function rawRows({ line, record }: LoadedRecord, { width }: RecordLayoutOptions): Row[] {
  const heading = line1([
    { text: formatCount(line + 1), tone: 'accent', bold: true },
    { text: '  raw', tone: 'muted' },
    { text: ` · ${formatCount(record.bytes)} bytes`, tone: 'muted' },
    ...(record.kind === 'invalid' ? [{ text: ` · ⚠ ${record.reason}`, tone: 'warning' as const }] : []),
  ]);
  const room = Math.max(8, width - INDENT);
  const body = record.json !== undefined ? prettyJson(record.json, room).map(plain) : hardRows(record.raw, room).rows;
  return [heading, ...body.map((text) => indent([{ text }]))];
}

// --- rows ------------------------------------------------------------------------------------

function line1(segments: Segment[]): Row {
  return { kind: 'line', segments };
}

function indent(segments: Segment[]): Row {
  return { kind: 'line', segments: [{ text: ' '.repeat(INDENT) }, ...segments] };
}
