import type { ResultsSession } from '../../../core/results/session/session.js';
import { layoutRecord, loadingRows, type RecordLayoutOptions, type Row } from './RecordLayout.js';

// The pager's records stacked into a screen of rows, and paging by screens: a record may be taller
// than the screen, so a position is a record and a row inside it.

export interface Stacked {
  /** The rows on screen. */
  rows: Row[];
  /** The record (and its row) at the top of the screen. */
  top: { line: number; row: number };
  /** The records laid out (those on screen and the first one below it). */
  lines: number[];
  heights: number[];
}

/**
 * The records from `cursor` down, `row` rows into the first, until the screen is full and one
 * record more (for PgDn). A record still being read takes one row.
 */
export function stack(
  session: ResultsSession,
  cursor: number,
  row: number,
  bodyRows: number,
  options: RecordLayoutOptions,
): Stacked {
  const rows: Row[] = [];
  const lines: number[] = [];
  const heights: number[] = [];
  let used = -row;
  for (const line of session.linesFrom(cursor, bodyRows + 1)) {
    const loaded = session.record(line);
    const laid = loaded ? layoutRecord(loaded, options) : loadingRows(line);
    const skip = lines.length === 0 ? Math.min(row, laid.length - 1) : 0;
    for (let i = skip; i < laid.length && rows.length < bodyRows; i++) rows.push(laid[i]!);
    lines.push(line);
    heights.push(laid.length);
    used += laid.length;
    if (used > bodyRows) break;
  }
  return { rows, top: { line: cursor, row }, lines, heights };
}

/**
 * The end of the file filling the screen: the last record at the bottom, the ones before it
 * above, the top one cut at the top when it does not fit whole. A record still being read takes
 * one row until it arrives.
 */
export function stackEnd(
  session: ResultsSession,
  last: number,
  bodyRows: number,
  options: RecordLayoutOptions,
): Stacked {
  const candidates = [...session.linesBefore(last, bodyRows), last];
  const laidOut: Row[][] = [];
  const lines: number[] = [];
  let used = 0;
  for (let i = candidates.length - 1; i >= 0 && used < bodyRows; i--) {
    const line = candidates[i]!;
    const loaded = session.record(line);
    const laid = loaded ? layoutRecord(loaded, options) : loadingRows(line);
    laidOut.unshift(laid);
    lines.unshift(line);
    used += laid.length;
  }
  const skip = Math.max(0, used - bodyRows);
  const rows = laidOut.flat().slice(skip);
  return { rows, top: { line: lines[0] ?? last, row: skip }, lines, heights: laidOut.map((laid) => laid.length) };
}

/**
 * PgDn: the first record not wholly on screen comes to the top (so nothing is skipped); a record
 * taller than the screen (raw JSON) scrolls by a page instead.
 */
export function pageDown(session: ResultsSession, bodyRows: number, options: RecordLayoutOptions): void {
  const { cursor, row } = session.getState();
  const { lines, heights } = stack(session, cursor, row, bodyRows, options);
  let used = -row;
  for (let i = 0; i < lines.length; i++) {
    const end = used + heights[i]!;
    if (end > bodyRows) {
      if (i === 0) session.moveTo(lines[0]!, row + bodyRows);
      else session.moveTo(lines[i]!, 0);
      return;
    }
    used = end;
  }
  const next = session.linesFrom((lines.at(-1) ?? cursor) + 1, 1)[0];
  if (next !== undefined) session.moveTo(next, 0);
}

/** PgUp: the records above come on screen, as many as fit, the nearest at the bottom. */
export function pageUp(session: ResultsSession, bodyRows: number, options: RecordLayoutOptions): void {
  const { cursor, row } = session.getState();
  if (row > 0) {
    session.moveTo(cursor, Math.max(0, row - bodyRows));
    return;
  }
  const before = session.linesBefore(cursor, bodyRows);
  let used = 0;
  let target: { line: number; row: number } | null = null;
  for (let i = before.length - 1; i >= 0; i--) {
    const line = before[i]!;
    const loaded = session.record(line);
    const height = loaded ? layoutRecord(loaded, options).length : 1;
    if (used + height > bodyRows) {
      // The record just above is taller than a page (raw JSON): its last page.
      if (target === null) target = { line, row: height - bodyRows };
      break;
    }
    used += height;
    target = { line, row: 0 };
  }
  if (target) session.moveTo(target.line, target.row);
}
