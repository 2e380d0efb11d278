import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { ResultsSession } from '../../../core/results/session/session.js';
import type { ResultsState } from '../../../core/results/session/state.js';
import type { SaveWhat } from '../../../core/results/session/save.js';
import { errorMessage } from '../../format/errors.js';
import { formatCount } from '../../format/numbers.js';
import { useObservable } from '../../kit/useObservable.js';
import { useCommands } from '../../keys/dispatcher.js';
import { keyLabel, type Command, type PagerScope } from '../../keys/keymap.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import type { RecordLayoutOptions } from './RecordLayout.js';
import { highlightRows } from './RecordHighlight.js';
import { RecordRows } from './RecordRows.js';
import { ResultsPrompt } from './ResultsPrompt.js';
import { ResultsStatus } from './ResultsStatus.js';
import { ResultsTitle } from './ResultsTitle.js';
import { PathQuestion } from './PathQuestion.js';
import { pagerUnavailable, type PagerJobFiles } from './PagerCommands.js';
import { pageDown, pageUp, stack, stackEnd } from './record-stack.js';

export interface ResultsPagerProps {
  session: ResultsSession;
  /** `fizz-batch view`: no console behind it, so q quits. */
  standalone?: boolean;
  /** q / esc: back to the console's previous screen, or (standalone) quit. */
  onLeave: () => void;
  /** Opened from a job's detail: its files, and (`o`, `e`) a way to switch to the other one. */
  job?: { files: PagerJobFiles; open: (which: 'output' | 'error') => void } | null;
}

/** An input line at the bottom; a save starts with the path it proposes (selected: typing replaces it). */
type Prompt = { kind: 'search' } | { kind: 'jump' } | { kind: 'save'; what: SaveWhat; initial: string };

/** The two title rows above the records, and the status row below them. */
const chromeRows = 3;

/**
 * The results pager: records stacked like a pager with the current one at the
 * top, the input request beside (wide) or above (narrow) each result, a raw JSON view, search,
 * errors only, save. Only the records on screen are laid out; they are read from the file a few
 * at a time by the session, which also runs the search and the save in the background.
 */
export function ResultsPager({ session, standalone = false, onLeave, job = null }: ResultsPagerProps) {
  const theme = useTheme();
  const state = useObservable(session);
  const { width, height } = useBodySize();
  const [raw, setRaw] = useState(false);
  const [showInput, setShowInput] = useState(true);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  // G (or a jump to the last line): the end of the file fills the screen, the last record at the
  // bottom, as in less. It holds while the cursor stays on the last line (following a download too).
  const [endAnchor, setEndAnchor] = useState(false);
  const bodyRows = Math.max(1, height - chromeRows);
  const options: RecordLayoutOptions = { width, maxRows: bodyRows, raw, showInput, kind: state.kind };
  const lastLine = session.linesBefore(state.document.lines, 1)[0];
  const atEnd = endAnchor && lastLine !== undefined && state.cursor === lastLine && state.row === 0;
  const screen = atEnd
    ? stackEnd(session, lastLine, bodyRows, options)
    : stack(session, state.cursor, state.row, bodyRows, options);
  const empty = emptyText(state);

  // Something else moved the cursor (a search, E, x): the screen is no longer held at the end.
  useEffect(() => {
    if (endAnchor && !atEnd) setEndAnchor(false);
  }, [endAnchor, atEnd]);

  // Whatever is on screen (and a few records around it) is read in the background.
  useEffect(() => session.want(screen.lines));

  const busy = state.search?.status === 'running' || state.seeking !== null || state.task?.status === 'running';
  const scope: PagerScope = standalone ? (busy ? 'viewerBusy' : 'viewer') : busy ? 'resultsBusy' : 'results';
  const asking = state.task?.status === 'exists' || state.task?.status === 'noDirectory';
  const unavailable = pagerUnavailable(state, job?.files ?? null);

  useCommands(
    scope,
    (command) => {
      // The outcome of the last command gives way to the next one.
      session.dismissNotice();
      if (state.task && state.task.status !== 'running') session.dismissTask();
      const why = unavailable.get(command);
      if (why !== undefined) {
        session.notify(why, 'info');
        return true;
      }
      return handle(command);
    },
    prompt === null && !asking,
    [...unavailable.keys()],
  );

  function handle(command: Command): boolean {
    if (atEnd) {
      // Nothing below the end; moving up starts from the record at the top of the screen.
      if (command === 'down' || command === 'pageDown') return true;
      if (command === 'up' || command === 'pageUp') session.moveTo(screen.top.line, screen.top.row);
    }
    if (!keepsEndAnchor.has(command)) setEndAnchor(false);
    const now = session.getState();
    switch (command) {
      case 'down':
        session.moveBy(1);
        return true;
      case 'up':
        // Scrolled into a tall record: back to its start first.
        if (now.row > 0) session.moveTo(now.cursor, 0);
        else session.moveBy(-1);
        return true;
      case 'pageDown':
        pageDown(session, bodyRows, options);
        return true;
      case 'pageUp':
        pageUp(session, bodyRows, options);
        return true;
      case 'top':
        session.first();
        return true;
      case 'bottom':
        session.last();
        setEndAnchor(true);
        return true;
      case 'jump':
        setPrompt({ kind: 'jump' });
        return true;
      case 'search':
        setPrompt({ kind: 'search' });
        return true;
      case 'nextMatch':
        session.searchAgain(1);
        return true;
      case 'prevMatch':
        session.searchAgain(-1);
        return true;
      case 'nextError':
        session.nextError();
        return true;
      case 'errorsOnly':
        session.toggleErrorsOnly();
        return true;
      case 'rawView':
        setRaw((r) => !r);
        session.moveTo(now.cursor, 0);
        return true;
      case 'inputPanel':
        setShowInput((s) => !s);
        return true;
      case 'save':
      case 'saveJoined': {
        const what = command === 'save' ? 'file' : 'joined';
        setPrompt({ kind: 'save', what, initial: session.defaultSavePath(what) });
        return true;
      }
      case 'retry':
        session.retry();
        return true;
      case 'openOutput':
      case 'openErrors':
        job?.open(command === 'openOutput' ? 'output' : 'error');
        return true;
      case 'cancelStep':
        session.cancel();
        return true;
      case 'back':
      case 'quit':
        onLeave();
        return true;
      default:
        // help, models, files, profiles: the console's.
        return false;
    }
  }

  // The bottom row: an input line while one is open, the overwrite question, or the status.
  let bottom;
  if (prompt) {
    const submit = (text: string) => {
      setPrompt(null);
      if (prompt.kind === 'search') {
        session.search(text);
      } else if (prompt.kind === 'jump') {
        session.jump(text);
        // On the last line (past the end lands there too), the end fills the screen as with G.
        const { cursor, document } = session.getState();
        if (cursor === session.linesBefore(document.lines, 1)[0]) setEndAnchor(true);
      } else {
        void session.save(prompt.what, text);
      }
    };
    const shared = { width, onSubmit: submit, onCancel: () => setPrompt(null) };
    if (prompt.kind === 'search')
      bottom = <ResultsPrompt label="/" placeholder="text to find (any case)" {...shared} />;
    else if (prompt.kind === 'jump')
      bottom = <ResultsPrompt label="line: " placeholder={`1–${formatCount(state.document.lines)}`} {...shared} />;
    else
      bottom = (
        <ResultsPrompt
          label={prompt.what === 'joined' ? 'save joined to: ' : 'save to: '}
          initial={prompt.initial}
          {...shared}
        />
      );
  } else if (state.task?.status === 'exists') {
    const task = state.task;
    const answer = (overwrite: boolean) => {
      if (overwrite) void session.save(task.what, task.path, { overwrite: true });
      else session.declineOverwrite();
    };
    bottom = <PathQuestion path={task.path} after=" exists — overwrite? y/N" width={width} onAnswer={answer} />;
  } else if (state.task?.status === 'noDirectory') {
    const task = state.task;
    const answer = (create: boolean) => {
      if (create) void session.save(task.what, task.path, { createDir: true });
      else {
        // No: back to the path, to choose another.
        session.dismissTask();
        setPrompt({ kind: 'save', what: task.what, initial: task.path });
      }
    };
    bottom = <PathQuestion before="Create " path={task.dir} after="? y/N" width={width} onAnswer={answer} />;
  } else {
    bottom = (
      <ResultsStatus
        task={state.task}
        search={state.search}
        notice={state.notice}
        seeking={state.seeking}
        width={width}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <ResultsTitle
        name={session.name}
        kind={state.kind}
        document={state.document}
        input={state.input}
        filter={state.filter}
        cursor={state.cursor}
        filterIndex={session.filterPosition(state.cursor)}
        raw={raw}
        width={width}
      />
      <Box flexDirection="column" height={bodyRows} overflow="hidden">
        {screen.rows.length > 0 ? (
          <RecordRows
            rows={highlightRows(screen.rows, state.search?.query ?? null)}
            width={width}
            firstKey={`${screen.top.line}:${screen.top.row}`}
          />
        ) : (
          <Text color={empty.danger ? theme.danger : theme.muted} wrap="truncate-end">
            {empty.text}
          </Text>
        )}
      </Box>
      <Box height={1} width={width} overflow="hidden">
        {bottom}
      </Box>
    </Box>
  );
}

/** What the body says when it has no record to show. */
function emptyText({ document, filter }: ResultsState): { text: string; danger: boolean } {
  if (filter)
    return {
      text: filter.done
        ? `No error lines in this file. ${keyLabel('errorsOnly', 'results')} shows every line.`
        : `No error lines found yet; still looking… ${keyLabel('errorsOnly', 'results')} shows every line.`,
      danger: false,
    };
  if (document.lines > 0) return { text: 'reading…', danger: false };
  if (document.error)
    return {
      text: `✗ Nothing could be read: ${errorMessage(document.error)}${document.retryable === false ? '' : ` · ${keyLabel('retry', 'results')} retries`}`,
      danger: true,
    };
  if (document.complete) return { text: 'The file is empty.', danger: false };
  return {
    text: document.origin === 'network' ? 'Waiting for the first line of the download…' : 'Reading the file…',
    danger: false,
  };
}

/** Keys that leave the screen held at the end of the file (views of the same records, and G itself). */
const keepsEndAnchor = new Set<Command>([
  'bottom',
  'down',
  'pageDown',
  'rawView',
  'inputPanel',
  'save',
  'saveJoined',
  'retry',
  'cancelStep',
  'help',
]);
