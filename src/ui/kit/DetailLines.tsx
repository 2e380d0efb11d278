import { Text } from 'ink';
import { oneLine } from '../../api/index.js';
import type { ReactNode } from 'react';
import type { Theme } from '../theme/theme.js';

/**
 * One row of the detail screen's scrolling content. The content is built as an array of rows and
 * only the visible slice is rendered: Yoga lays out every row it is given, even cropped ones.
 * Every node must be exactly one terminal row (truncated, never wrapped).
 */
export interface Line {
  key: string;
  node: ReactNode;
}

export function heading(key: string, text: string, theme: Theme, note?: string): Line {
  return {
    key,
    node: (
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {text}
        </Text>
        {note ? <Text color={theme.muted}>{`  ${note}`}</Text> : null}
      </Text>
    ),
  };
}

export function blank(key: string): Line {
  return { key, node: <Text> </Text> };
}

/** Sections separated by one blank row; empty sections leave no gap. */
export function joinSections(sections: Line[][]): Line[] {
  const out: Line[] = [];
  for (const [i, section] of sections.filter((s) => s.length > 0).entries()) {
    if (i > 0) out.push(blank(`gap-${i}`));
    out.push(...section);
  }
  return out;
}

/**
 * Text on one row, spaces collapsed and trimmed: a path or a name typed or read locally passes the
 * one sanitizer (server strings already did, in the API client), so nothing can send a sequence.
 */
export function printable(text: string): string {
  return oneLine(text);
}
