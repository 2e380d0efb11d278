import { Box, Text, usePaste } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { plural } from '../../../api/index.js';
import { completePath, type BrowserEntry, type DirListing } from '../../../core/file-browser.js';
import type { NewBatchService } from '../../../core/new-batch/service.js';
import type { NewBatchState } from '../../../core/new-batch/state.js';
import { cellWidth, takeEndWidth } from '../../format/fit.js';
import { formatCount } from '../../format/numbers.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useBodySize } from '../../state/layout.js';
import { useNavigation } from '../../state/nav-context.js';
import { useTheme } from '../../theme/context.js';
import { printable } from '../../kit/DetailLines.js';
import { FieldInput } from '../../kit/FieldInput.js';
import { cursorAfter, followCursor } from '../../kit/listCursor.js';
import type { Notice } from '../../kit/notice.js';
import { NoticeLine } from '../../kit/NoticeLine.js';
import { PickerHeader, PickerRow, pickerColumns } from './PickerList.js';
import { keyLabel } from '../../keys/keymap.js';

/** The directory line, the column titles and the status line around the rows. */
const chromeRows = 3;

interface Typing {
  text: string;
  /** What the last tab found when it could not complete alone. */
  candidates: string[];
  total: number;
  error: string | null;
}

/**
 * Step 1 of a new batch: the current directory with its `.jsonl` files (size, modified), the
 * directories to walk into and `..`; or a typed path that tab completes. The `/` or `~` that
 * opens the path field is the path's first character, and a path pasted into the picker opens
 * the field with it: a path means what it says (see resolveTypedPath). The service reads the
 * disk; this view keeps the selection (by path, so it survives a re-read) and the typed text.
 */
export function PickerView({
  state,
  service,
  onLeave,
}: {
  state: NewBatchState;
  service: NewBatchService;
  onLeave: () => void;
}) {
  const theme = useTheme();
  const { width, height } = useBodySize();
  const nav = useNavigation();
  const columns = pickerColumns(width);
  const rows = Math.max(1, height - chromeRows);
  const listing = state.listing;
  const entries = listing?.entries ?? [];

  const [selectedPath, setSelectedPath] = useState<string | null>(state.chosen);
  const [typing, setTyping] = useState<Typing | null>(null);
  const top = useRef(0);

  // A new directory: select the one we came up from, else the file picked last, else the first row.
  const shownDir = useRef(listing?.dir ?? null);
  useEffect(() => {
    if (!listing || listing.dir === shownDir.current) return;
    const previous = shownDir.current;
    shownDir.current = listing.dir;
    top.current = 0;
    const cameFrom = listing.entries.find((e) => e.path === previous && e.kind === 'dir');
    const chosen = listing.entries.find((e) => e.path === state.chosen);
    setSelectedPath((cameFrom ?? chosen ?? listing.entries[0])?.path ?? null);
  }, [listing, state.chosen]);

  const found = entries.findIndex((e) => e.path === selectedPath);
  const index = found >= 0 ? found : 0;
  const selected: BrowserEntry | undefined = entries[index];
  // Keys in one chunk ("jjj") move from the newest selection, not the one this render saw.
  const live = useRef(index);
  live.current = index;
  const moveTo = (next: number) => {
    live.current = next;
    setSelectedPath(entries[next]?.path ?? null);
  };

  useCommands(
    'picker',
    (command) => {
      if (command !== 'help') service.clearNotice();
      const next = cursorAfter(command, live.current, entries.length, rows);
      if (next !== null) {
        moveTo(next);
        return true;
      }
      switch (command) {
        case 'open': {
          const entry = entries[live.current];
          if (entry) void service.choose(entry);
          return true;
        }
        case 'parentDir':
          void service.up();
          return true;
        case 'typePath':
          // The field takes the key that opened it (and what came after it) as its text: see useTypeahead.
          setTyping({ text: '', candidates: [], total: 0, error: null });
          return true;
        case 'dotFiles':
          void service.toggleDotFiles();
          return true;
        case 'back':
          onLeave();
          return true;
        case 'help':
          nav.push({ name: 'help', scope: 'picker', title: 'New batch' });
          return true;
        default:
          return false;
      }
    },
    typing === null,
  );

  // The newest text, for enter or tab in the same chunk as the letters before them.
  const typed = useRef('');
  typed.current = typing?.text ?? '';
  // A path pasted (bracketed) while the list shows: the field opens with it, to check or fix, then enter.
  usePaste(
    (text) => {
      const path = text.replace(/[\r\n]+$/, '');
      if (path.trim() === '') return;
      service.clearNotice();
      typed.current = path;
      setTyping({ text: path, candidates: [], total: 0, error: null });
    },
    { isActive: typing === null },
  );

  /** enter in the field (also at the end of a chunk: "/tmp/x/a.jsonl⏎" pasted or typed fast over SSH). */
  const submitPath = (text: string) => {
    // enter on an empty field closes it (esc is never the only way: tmux delays it).
    if (text.trim() === '') {
      setTyping(null);
      return;
    }
    void service.openPath(text).then((outcome) => {
      if (outcome === 'browsed') setTyping(null);
    });
  };
  useCommands(
    'pickerPath',
    (command) => {
      switch (command) {
        case 'complete': {
          const text = typed.current;
          void completePath(text, state.dir, { dotFiles: state.dotFiles }).then((result) => {
            // Typing went on (or stopped) while the directory was read: that answer is stale.
            if (typed.current !== text) return;
            typed.current = result.text;
            setTyping({
              text: result.text,
              candidates: result.candidates.length > 1 ? result.candidates : [],
              total: result.total,
              error: result.error ?? (result.total === 0 ? 'No directory or .jsonl file starts with that.' : null),
            });
          });
          return true;
        }
        case 'open':
          // The field's own: its onSubmit (submitPath) sees enter, also the one at the end of a chunk.
          return true;
        case 'back':
          service.clearNotice();
          setTyping(null);
          return true;
        default:
          return true;
      }
    },
    typing !== null,
  );

  // The rows: the matches of the last tab while typing, else the directory.
  const showCandidates = typing !== null && typing.candidates.length > 1;
  if (!showCandidates) top.current = followCursor(top.current, index, entries.length, rows);

  let status: Notice;
  if (state.notice) status = state.notice;
  else if (typing?.error) status = { text: typing.error, tone: 'warning' };
  else if (typing)
    status = { text: `/ from the root · ~ from home · any other path from ${printable(state.dir)}`, tone: 'muted' };
  else if (selected?.problem) status = { text: selected.problem, tone: 'danger' };
  else status = { text: listing ? summary(listing, state.dotFiles) : '', tone: 'muted' };

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {typing ? (
        <Box width={width}>
          <Text bold color={theme.accent}>
            {'Path '}
          </Text>
          <FieldInput
            value={typing.text}
            onChange={(text) => {
              typed.current = text;
              setTyping({ text, candidates: [], total: 0, error: null });
            }}
            onSubmit={submitPath}
            focus
            width={Math.max(10, width - 6)}
          />
        </Box>
      ) : (
        <Text wrap="truncate-end">
          <Text bold>Pick a .jsonl file </Text>
          <Text color={theme.muted}>in </Text>
          <Text>{tail(printable(state.dir), width - 22)}</Text>
        </Text>
      )}
      {showCandidates ? (
        <Text wrap="truncate-end" color={theme.muted} bold>
          {`${formatCount(typing.total)} matches — type more, then tab`}
        </Text>
      ) : (
        <PickerHeader columns={columns} />
      )}
      {showCandidates ? (
        typing.candidates.slice(0, rows).map((name, i) => (
          <Text key={name} wrap="truncate-end">
            {i === rows - 1 && typing.total > rows
              ? `  … and ${formatCount(typing.total - rows + 1)} more`
              : `  ${printable(name)}`}
          </Text>
        ))
      ) : listing === null ? (
        <Text color={theme.muted}>Reading the directory…</Text>
      ) : entries.length === 0 ? (
        <Text color={theme.muted}>Nothing here.</Text>
      ) : (
        entries
          .slice(top.current, top.current + rows)
          .map((entry, i) => (
            <PickerRow key={entry.path} entry={entry} selected={top.current + i === index} columns={columns} />
          ))
      )}
      <Box flexGrow={1} />
      <NoticeLine notice={status} />
    </Box>
  );
}

/** "2 .jsonl files · 3 directories · / types a path · 4 dot-files hidden · 12 other entries not shown" */
function summary({ entries, hidden, dotHidden }: DirListing, dotFiles: boolean): string {
  const files = entries.filter((e) => e.kind === 'jsonl').length;
  const dirs = entries.filter((e) => e.kind === 'dir').length;
  const parts = [
    files === 0 ? 'no .jsonl files here' : plural(files, '.jsonl file', { grouped: true }),
    plural(dirs, 'directory', { grouped: true, plural: 'directories' }),
    `${keyLabel('typePath', 'picker')} types a path`,
  ];
  if (dotFiles) parts.push('dot-files shown');
  else if (dotHidden > 0) parts.push(`${plural(dotHidden, 'dot-file', { grouped: true })} hidden`);
  if (hidden > 0) parts.push(`${plural(hidden, 'other entry', { grouped: true, plural: 'other entries' })} not shown`);
  return parts.join(' · ');
}

/** The end of a long path, which says where one is: "…/data/batches". */
function tail(path: string, width: number): string {
  if (width <= 1 || cellWidth(path) <= width) return path;
  return `…${takeEndWidth(path, width - 1)}`;
}
