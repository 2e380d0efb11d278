import { movementFor, wantsMore } from '../../kit/listCursor.js';
import { listPaging } from '../../kit/listPaging.js';
import type { Notice } from '../../kit/notice.js';
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { plural, isApiError, type Batch } from '../../../api/index.js';
import { nextGroup, statusGroupLabels } from '../../../core/jobs/groups.js';
import type { JobListService } from '../../../core/jobs/job-list.js';
import { CancelDialog } from '../../kit/CancelDialog.js';
import { FilterBar } from './FilterBar.js';
import { layoutColumns, shortId } from './JobColumns.js';
import { JobTable } from './JobTable.js';
import type { Services } from '../../../core/session.js';
import { errorMessage } from '../../format/errors.js';
import { keyRefusedMessage } from '../../format/key-refused.js';
import { wrapKeepingTail } from '../../format/wrap-tail.js';
import { formatCount } from '../../format/numbers.js';
import { useNow } from '../../kit/useClock.js';
import { useCopyId } from '../../kit/useCopyId.js';
import { useJobList, type JobListView } from './useJobList.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useApp, useServices } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useNavigation } from '../../state/nav-context.js';
import { useTheme } from '../../theme/context.js';
import type { Theme } from '../../theme/theme.js';
import { statusLook } from '../../theme/status.js';
import { keyLabel } from '../../keys/keymap.js';

/** The filter line, the column titles and the status line below the rows. */
const chromeRows = 3;

/** Every batch of the connection, newest first, as the README's console keys describe. */
export function JobListScreen() {
  const services = useServices();
  if (!services) return <Text>Not connected.</Text>;
  // A new connection is a new list: selection and filter start over.
  return (
    <JobList
      key={services.client.baseURL}
      service={services.jobs}
      services={services}
      keyWithheld={services.connection.keyWithheldReason}
    />
  );
}

interface CancelState {
  job: Batch;
  busy: boolean;
  error: string | null;
}

/** `keyWithheld`: why no key was sent (it belongs to another host), said when the server refuses us. */
function JobList({
  service,
  services,
  keyWithheld,
}: {
  service: JobListService;
  services: Services;
  keyWithheld: string | null;
}) {
  const theme = useTheme();
  const { width, height } = useBodySize();
  const now = useNow();
  const nav = useNavigation();
  const rows = Math.max(1, height - chromeRows);
  const view = useJobList(service, rows);
  const { state, filter, setFilter, jobs, selected } = view;
  const columns = useMemo(() => layoutColumns(width), [width]);

  const [editing, setEditing] = useState(false);
  // One line of news ("cancel requested", "nothing to cancel"), gone at the next key. Jobs are
  // named the way their rows name them (a short id when the table shows short ids).
  const [notice, setNotice] = useState<string | null>(null);
  // The config file's warning (keys other users can read): on the first list shown, until the next key.
  const { session } = useApp();
  const [configWarning, setConfigWarning] = useState<string | null>(() => session.takeStartupWarning());
  const [cancel, setCancel] = useState<CancelState | null>(null);
  const copyId = useCopyId();

  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // A second y before the next frame must not send a second request.
  const cancelling = useRef(false);
  const confirmCancel = useCallback(async () => {
    if (!cancel || cancelling.current) return;
    cancelling.current = true;
    const { id } = cancel.job;
    setCancel({ ...cancel, busy: true, error: null });
    const result = await service.cancel(id);
    cancelling.current = false;
    if (!mounted.current) return;
    if (result.ok) {
      setCancel(null);
      setNotice(`Cancel requested: ${shortId(id, columns.id)} is ${statusLook(result.job.status).label}.`);
    } else {
      setCancel((current) =>
        current && current.job.id === id ? { ...current, busy: false, error: errorMessage(result.error) } : current,
      );
    }
  }, [cancel, service, columns.id]);

  useCommands(
    'list',
    (command) => {
      setNotice(null);
      setConfigWarning(null);
      if (wantsMore(command, view.index, jobs.length)) void service.loadMore();
      const movement = movementFor(command, rows);
      if (movement) {
        view.move(movement);
        return true;
      }
      switch (command) {
        case 'open':
          if (selected) nav.push({ name: 'detail', id: selected.id, initial: selected });
          return true;
        case 'newBatch':
          nav.push({ name: 'new' });
          return true;
        case 'filter':
          setEditing(true);
          return true;
        case 'group':
          setFilter((f) => ({ ...f, group: nextGroup(f.group) }));
          return true;
        case 'refresh':
          service.refreshNow();
          // A failed "load more" is retried with the refresh, not in a loop by itself.
          if (state.loadMoreError) void service.loadMore();
          return true;
        case 'pause':
          service.togglePause();
          return true;
        case 'faster':
          service.scaleInterval(0.5);
          return true;
        case 'slower':
          service.scaleInterval(2);
          return true;
        case 'copyId':
          if (selected) setNotice(copyId(selected.id));
          return true;
        case 'cancelJob':
          if (!selected) return true;
          if (selected.statusClass === 'terminal') {
            setNotice(
              `Job ${shortId(selected.id, columns.id)} is already ${statusLook(selected.status).label} — nothing to cancel.`,
            );
          } else if (selected.status === 'cancelling') {
            setNotice(`Job ${shortId(selected.id, columns.id)} is already cancelling.`);
          } else {
            setCancel({ job: selected, busy: false, error: null });
          }
          return true;
        default:
          // quit, help, models, profiles: the app's.
          return false;
      }
    },
    true,
    // What does nothing on the selected job (or with none selected) is not offered.
    [
      ...(selected ? [] : (['open', 'copyId'] as const)),
      ...(selected && selected.statusClass !== 'terminal' && selected.status !== 'cancelling'
        ? []
        : (['cancelJob'] as const)),
    ],
  );

  const onTextChange = useCallback((text: string) => setFilter((f) => ({ ...f, text })), [setFilter]);
  const onSubmit = useCallback(() => setEditing(false), []);
  const onCancelFilter = useCallback(() => {
    setFilter((f) => ({ ...f, text: '' }));
    setEditing(false);
  }, [setFilter]);

  const filterBar = (
    <FilterBar
      filter={filter}
      editing={editing}
      onTextChange={onTextChange}
      onSubmit={onSubmit}
      onCancel={onCancelFilter}
      shown={jobs.length}
      loaded={state.jobs.length}
      hasMore={state.hasMore}
      width={width}
    />
  );

  if (cancel) {
    // The job as the list knows it now, so the dialog's counts keep moving.
    const job = view.byId(cancel.job.id) ?? cancel.job;
    return (
      <Box flexDirection="column" width={width} height={height}>
        {filterBar}
        <Box flexGrow={1} justifyContent="center" alignItems="center">
          <CancelDialog
            job={job}
            busy={cancel.busy}
            error={cancel.error}
            onConfirm={() => void confirmCancel()}
            onClose={() => setCancel(null)}
          />
        </Box>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width}>
      {filterBar}
      <JobTable
        jobs={jobs}
        columns={columns}
        top={view.top}
        rows={rows}
        selectedIndex={view.index}
        now={now}
        width={width}
        empty={emptyText(view)}
        emptyNote={withheldNote(view, keyWithheld)}
      />
      <StatusLine
        view={view}
        services={services}
        notice={notice}
        configWarning={configWarning}
        width={width}
        theme={theme}
      />
    </Box>
  );
}

/** The server refused us and no key was sent because the one there is belongs elsewhere: that is the cause to say. */
function withheldNote(view: JobListView, keyWithheld: string | null): string | null {
  const { error } = view.state.poll;
  return keyWithheld && isApiError(error) && error.kind === 'auth' ? `No key was sent: ${keyWithheld}.` : null;
}

function emptyText(view: JobListView): string {
  const { state, filter } = view;
  if (state.jobs.length === 0) {
    if (state.poll.updatedAt === null)
      return state.poll.error ? `Could not load the jobs: ${errorMessage(state.poll.error)}` : 'Loading jobs…';
    return 'No batch jobs yet.';
  }
  const what = [
    filter.text.trim() ? `"${filter.text.trim()}"` : '',
    filter.group !== 'all' ? `status ${statusGroupLabels[filter.group]}` : '',
  ]
    .filter(Boolean)
    .join(' with ');
  const among = `among the ${formatCount(state.jobs.length)} loaded`;
  return state.hasMore ? `No jobs match ${what} ${among} — G loads older ones.` : `No jobs match ${what}.`;
}

/**
 * Below the rows: news first, then why the rows are not current (a refused key, a failed refresh),
 * then paging (loading, its error, whether more exist).
 */
function StatusLine({
  view,
  services,
  notice,
  configWarning,
  width,
  theme,
}: {
  view: JobListView;
  services: Services;
  notice: string | null;
  configWarning: string | null;
  width: number;
  theme: Theme;
}) {
  const { state, jobs, index } = view;
  const { poll } = state;
  let line: Notice;
  if (notice) {
    line = { text: notice, tone: 'info' };
  } else if (poll.error && (state.jobs.length > 0 || poll.halted)) {
    // The header says "stale" and since when; this row says why, and what to do. The keys stay whole.
    const why = poll.halted
      ? keyRefusedMessage(poll.error, services)
      : { text: `⚠ ${errorMessage(poll.error)}`, tail: ` · ${keyLabel('refresh', 'list')} retries now` };
    line = { text: wrapKeepingTail(why.text, why.tail, width, 1)[0] ?? '', tone: poll.halted ? 'danger' : 'warning' };
  } else if (configWarning) {
    line = { text: `⚠ ${configWarning}`, tone: 'warning' };
  } else {
    line = listPaging({
      index,
      total: jobs.length,
      hasMore: state.hasMore,
      loadingMore: state.loadingMore,
      loadMoreError: state.loadMoreError,
      retryKey: keyLabel('refresh', 'list'),
      detail: view.selected ? ` · ${shortId(view.selected.id, 60)}` : '',
    });
  }
  const { text } = line;
  // Jobs the server sent that could not be shown at all: said on every frame, never silently dropped.
  const unreadable = state.unreadable
    ? `⚠ ${plural(state.unreadable.count, 'job', { grouped: true })} unreadable, not shown (${state.unreadable.reason})`
    : '';
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text color={theme[line.tone]}>{text || (unreadable ? '' : ' ')}</Text>
        {unreadable ? <Text color={theme.warning}>{text ? ` · ${unreadable}` : unreadable}</Text> : null}
      </Text>
    </Box>
  );
}
