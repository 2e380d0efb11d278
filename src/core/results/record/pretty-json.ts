import { terminalSafeJson } from '../../../api/index.js';
import { isHighSurrogate } from './values.js';

// The raw view.

/**
 * A value as indented JSON lines (2 spaces). With a width, longer lines are cut there and go on
 * in lines indented one step deeper than their start, so a long string stays readable.
 */
export function prettyJson(value: unknown, width?: number): string[] {
  // Escaped where the terminal would act on a character (C1, bidi): the raw view shows \u009b, not a sequence.
  const text = terminalSafeJson(value, 2);
  if (text === undefined) return [];
  const lines = text.split('\n');
  if (width === undefined || width < 8) return lines;
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    const indent = ' '.repeat(Math.min(line.length - line.trimStart().length + 2, Math.floor(width / 2)));
    for (let start = 0, first = true; start < line.length; first = false) {
      let end = Math.min(start + (first ? width : width - indent.length), line.length);
      if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end -= 1;
      out.push((first ? '' : indent) + line.slice(start, end));
      start = end;
    }
  }
  return out;
}
