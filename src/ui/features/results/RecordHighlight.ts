import type { Row, Segment } from './RecordLayout.js';

/**
 * The search's text marked in the rows on screen (any case, as the search finds it). Done on the
 * rows about to be drawn, not in the cached layout: a new search re-marks a screen, never a file.
 * A match split by a row's wrap or by a change of style is not marked (what it is part of shows
 * it); the status row still counts its line.
 */
export function highlightRows(rows: readonly Row[], query: string | null): readonly Row[] {
  if (!query) return rows;
  const needle = query.toLowerCase();
  return rows.map((row): Row =>
    row.kind === 'line'
      ? { ...row, segments: mark(row.segments, needle) }
      : { ...row, left: mark(row.left, needle), right: mark(row.right, needle) },
  );
}

function mark(segments: Segment[], needle: string): Segment[] {
  if (!segments.some((segment) => segment.text.toLowerCase().includes(needle))) return segments;
  const out: Segment[] = [];
  for (const segment of segments) {
    const lower = segment.text.toLowerCase();
    // toLowerCase keeps the length of almost all text; where it does not, the offsets would lie.
    if (lower.length !== segment.text.length) {
      out.push(segment);
      continue;
    }
    let at = 0;
    for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, found + needle.length)) {
      if (found > at) out.push({ ...segment, text: segment.text.slice(at, found) });
      out.push({ ...segment, text: segment.text.slice(found, found + needle.length), match: true });
      at = found + needle.length;
    }
    if (at < segment.text.length) out.push({ ...segment, text: segment.text.slice(at) });
  }
  return out;
}
