import { Box, Text } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { FileObject } from '../../api/index.js';
import type { FilesService } from '../../core/files.js';
import type { FileHead } from '../../core/files-head.js';
import { errorMessage } from '../format/errors.js';
import { bytes, count } from '../format/numbers.js';
import { useFileHead } from '../hooks/useFiles.js';
import { moveCursor } from '../hooks/useModels.js';
import { useCommands } from '../keys/dispatcher.js';
import { useTheme } from '../theme/context.js';
import { filenameOf, fitFilename } from './FileColumns.js';
import { Spinner } from './Spinner.js';

export interface FileContentViewProps {
  service: FilesService;
  file: FileObject;
  width: number;
  height: number;
  onClose: () => void;
}

/**
 * The first lines of a file as plain text, scrollable (until the results pager exists). Only the
 * head is downloaded (about 500 lines or 1 MB) and the title says so. Long lines wrap (`w` cuts
 * them at the edge instead); only the rows on screen are rendered.
 */
export function FileContentView({ service, file, width, height, onClose }: FileContentViewProps) {
  const theme = useTheme();
  const { head, retry } = useFileHead(service, file.id);
  const lines = head.status === 'ready' ? head.head.lines : null;
  // JSONL lines are long and what matters is rarely in their first columns: wrapped by default.
  const [wrap, setWrap] = useState(true);
  const gutter = String(Math.max(1, lines?.length ?? 1)).length;
  const room = Math.max(1, width - gutter - 1);
  const rows = useMemo(() => (lines ? layoutRows(lines, room, wrap) : []), [lines, room, wrap]);
  const visible = Math.max(1, height - 1);
  const [offset, setOffset] = useState(0);
  const maxOffset = Math.max(0, rows.length - visible);
  const top = Math.min(offset, maxOffset);
  // Keys in one chunk are handled before React renders again: scroll from the newest position.
  const live = useRef({ top, rows });
  live.current = { top, rows };

  useCommands('fileContent', (command) => {
    if (command === 'back') {
      onClose();
      return true;
    }
    if (command === 'refresh') {
      setOffset(0);
      retry();
      return true;
    }
    if (command === 'wrap') {
      // Keep the line at the top of the screen there.
      const line = live.current.rows[live.current.top]?.line ?? 0;
      const next = lines ? layoutRows(lines, room, !wrap) : [];
      const at = Math.max(0, next.findIndex((r) => r.line === line));
      live.current = { top: at, rows: next };
      setOffset(at);
      setWrap(!wrap);
      return true;
    }
    // The view scrolls by rows: the "cursor" is the first row on screen.
    const page = command === 'pageUp' || command === 'pageDown' ? visible : 1;
    const last = Math.max(0, live.current.rows.length - visible);
    const next = moveCursor(command, live.current.top, last + 1, page);
    if (next === null) return false;
    live.current = { ...live.current, top: next };
    setOffset(next);
    return true;
  });

  const name = filenameOf(file);
  if (head.status === 'loading') {
    return (
      <Text wrap="truncate-end">
        <Spinner /> Reading the first lines of {name}…
      </Text>
    );
  }
  if (head.status === 'failed') {
    return (
      <Box flexDirection="column" width={width}>
        <Text color={theme.danger} wrap="truncate-end">
          ✗ Could not read {name}: {errorMessage(head.error)}
        </Text>
        <Text color={theme.muted} wrap="truncate-end">
          r retries · q goes back to the files
        </Text>
      </Box>
    );
  }

  const shown = rows.slice(top, top + visible);
  const first = shown[0]?.line;
  const lastLine = shown.at(-1)?.line;
  const where = (first !== undefined && lastLine !== undefined ? position(first, lastLine, head.head) : summary(head.head)) + (wrap ? '' : ' · lines cut, w wraps');
  // Where the screen is matters more than the name the user just chose: the name gives way.
  const nameRoom = Math.max(12, width - where.length - 3);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{fitFilename(name, nameRoom)}</Text>
        <Text color={theme.muted}> · {where}</Text>
      </Text>
      {rows.length === 0 ? <Text color={theme.muted}>The file is empty.</Text> : null}
      {shown.map((row, i) => (
        <Text key={top + i} wrap="truncate-end">
          <Text color={theme.muted}>{(row.first ? String(row.line + 1) : '').padStart(gutter)} </Text>
          {row.text}
        </Text>
      ))}
    </Box>
  );
}

/** One screen row: a line of the file, or (wrapped) a piece of one. */
interface Row {
  /** 0-based line of the file. */
  line: number;
  /** The line's first row, which carries its number. */
  first: boolean;
  text: string;
}

/**
 * The rows the lines take: one each, cut at the edge, or wrapped into pieces of `room` characters
 * (a hard wrap: JSON has few spaces to break at, and the text must stay exactly as it is).
 */
function layoutRows(lines: readonly string[], room: number, wrap: boolean): Row[] {
  const rows: Row[] = [];
  lines.forEach((line, index) => {
    const text = plain(line);
    if (!wrap || text.length <= room) {
      rows.push({ line: index, first: true, text: text.slice(0, room) });
      return;
    }
    for (let at = 0; at < text.length; at += room) rows.push({ line: index, first: at === 0, text: text.slice(at, at + room) });
  });
  return rows;
}

/** Where the screen is, and how much of the file there is to see: "lines 1–20 of 256". */
function position(first: number, last: number, head: FileHead): string {
  const lines = `lines ${count(first + 1)}–${count(last + 1)}`;
  return head.complete ? `${lines} of ${count(head.lines.length)}` : `${lines} · ${summary(head)}`;
}

/** How much of the file was read, in words. */
function summary(head: FileHead): string {
  const n = head.lines.length;
  if (head.complete) return n === 1 ? 'the whole file: 1 line' : `the whole file: ${count(n)} lines`;
  if (head.stoppedBy === 'bytes') return `first ${count(n)} lines shown (the first ${bytes(head.bytes)})`;
  return `first ${count(n)} lines shown`;
}

/**
 * File text for one row: tabs and control characters become spaces, so nothing can wrap the row
 * or send an escape sequence.
 */
function plain(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code === 0x09 ? '  ' : code < 0x20 || (code >= 0x7f && code < 0xa0) ? ' ' : ch;
  }
  return out;
}
