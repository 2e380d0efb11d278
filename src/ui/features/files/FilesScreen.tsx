import { movementFor, wantsMore } from '../../kit/listCursor.js';
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { plural, isApiError, type FileObject } from '../../../api/index.js';
import { hostOf } from '../../../config/index.js';
import { completionWindowsOf } from '../../../core/batch-options.js';
import type { BatchFromFile } from '../../../core/files/state.js';
import type { FilesService } from '../../../core/files/service.js';
import type { Services } from '../../../core/session.js';
import { FileBatchForm } from './FileBatchForm.js';
import { filenameOf, layoutFileColumns, measureFiles } from './FileColumns.js';
import { FileDeleteDialog } from './FileDeleteDialog.js';
import { FileHeaderRow, FileRow } from './FileRow.js';
import { StatusLine } from '../../kit/StatusLine.js';
import { listPaging } from '../../kit/listPaging.js';
import type { Notice } from '../../kit/notice.js';
import { NoticeLine } from '../../kit/NoticeLine.js';
import { errorMessage } from '../../format/errors.js';
import { localDateTime, relativeTime } from '../../format/time.js';
import { useNow } from '../../kit/useClock.js';
import { useDetectedEndpoint, useFiles, type FilesView } from './useFiles.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useServices } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useNavigation } from '../../state/nav-context.js';
import { useTheme } from '../../theme/context.js';
import type { Theme } from '../../theme/theme.js';
import { keyLabel } from '../../keys/keymap.js';

/** The status line, the column titles, the selected file's line and the paging line. */
const chromeRows = 4;

type Mode =
  | { name: 'list' }
  | { name: 'delete'; file: FileObject; busy: boolean; error: string | null }
  | { name: 'batch'; file: FileObject; busy: boolean; error: string | null };

export interface FilesScreenProps {
  /** Files per request (tests use a small one); the default is 100. */
  pageSize?: number;
}

/**
 * Files (`f`): the uploaded files, newest first, paged in as the user scrolls;
 * read one in the results pager, delete one (asks first), or start a batch from a `batch` file
 * without uploading it again.
 */
export function FilesScreen({ pageSize }: FilesScreenProps) {
  const services = useServices();
  if (!services) return <Text>Not connected yet: add a profile first (p).</Text>;
  const service = services.files.get(pageSize ? { pageSize } : {});
  // A new connection is a new list: selection and mode start over.
  return <Files key={services.client.baseURL} service={service} services={services} />;
}

function Files({ service, services }: { service: FilesService; services: Services }) {
  const theme = useTheme();
  const { width, height } = useBodySize();
  const now = useNow();
  const nav = useNavigation();
  const rows = Math.max(1, height - chromeRows);
  const view = useFiles(service, rows);
  const { files, selected } = view;
  const measure = useMemo(() => measureFiles(files), [files]);
  const columns = useMemo(() => layoutFileColumns(width, measure), [width, measure]);
  const [mode, setMode] = useState<Mode>({ name: 'list' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const modeRef = useRef(mode);
  modeRef.current = mode;

  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // A second y (or enter on Create) before the next frame must not send a second request.
  const inFlight = useRef(false);

  const confirmDelete = async (file: FileObject) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setMode({ name: 'delete', file, busy: true, error: null });
    const result = await service.delete(file.id);
    inFlight.current = false;
    if (!mounted.current) return;
    const name = filenameOf(file);
    if (result.ok) {
      setMode((m) => (m.name === 'delete' && m.file.id === file.id ? { name: 'list' } : m));
      // The name goes last: when the line is cut, only the name is.
      setNotice(
        result.alreadyGone
          ? { text: `Already deleted (the server no longer has it): ${name}`, tone: 'warning' }
          : { text: `Deleted ${file.id}: ${name}`, tone: 'success' },
      );
      return;
    }
    const message = errorMessage(result.error);
    const current = modeRef.current;
    if (current.name === 'delete' && current.file.id === file.id) setMode({ ...current, busy: false, error: message });
    // Closed while the request was on its way: the answer still has to be told.
    else setNotice({ text: `✗ Not deleted: ${file.id}: ${message}`, tone: 'danger' });
  };

  const createBatch = async (file: FileObject, values: BatchFromFile) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setMode({ name: 'batch', file, busy: true, error: null });
    try {
      const batch = await service.createBatchFromFile(file, values);
      // The job list shows it at once, before its next refresh.
      services.jobs.upsert(batch);
      if (!mounted.current) return;
      setMode({ name: 'list' });
      nav.push({ name: 'detail', id: batch.id, initial: batch });
    } catch (error) {
      if (mounted.current) setMode({ name: 'batch', file, busy: false, error: createError(error) });
    } finally {
      inFlight.current = false;
    }
  };

  useCommands(
    'files',
    (command) => {
      setNotice(null);
      if (wantsMore(command, view.index, files.length)) void service.loadMore();
      const movement = movementFor(command, rows);
      if (movement) {
        view.move(movement);
        return true;
      }
      switch (command) {
        case 'refresh':
          void service.refresh();
          return true;
        case 'open':
          // The results pager: requests of a batch file, results of an output or error file.
          if (selected) nav.push({ name: 'results', source: { kind: 'file', file: selected } });
          return true;
        case 'delete':
          if (selected) setMode({ name: 'delete', file: selected, busy: false, error: null });
          return true;
        case 'createBatch':
          if (!selected) return true;
          if (selected.purpose !== 'batch') {
            setNotice({
              text: `Only files with purpose batch can start a batch; this one is ${selected.purpose || 'of unknown purpose'}.`,
              tone: 'info',
            });
          } else {
            setMode({ name: 'batch', file: selected, busy: false, error: null });
          }
          return true;
        default:
          // back, help, models, profiles, files: the app's.
          return false;
      }
    },
    mode.name === 'list',
  );

  const statusLine = <FilesStatus view={view} host={hostOf(services.connection.baseURL)} />;

  if (mode.name === 'batch') {
    const { windows, initial } = completionWindowsOf(services.connection.profile);
    return (
      <BatchForm
        service={service}
        file={mode.file}
        windows={windows}
        initialWindow={initial}
        width={width}
        height={height}
        busy={mode.busy}
        error={mode.error}
        onSubmit={(values) => void createBatch(mode.file, values)}
        onCancel={() => setMode({ name: 'list' })}
      />
    );
  }

  if (mode.name === 'delete') {
    // The file as the list knows it now (or as it was, if a refresh took it away meanwhile).
    const file = files.find((f) => f.id === mode.file.id) ?? mode.file;
    return (
      <Box flexDirection="column" width={width} height={height}>
        {statusLine}
        <Box flexGrow={1} justifyContent="center" alignItems="center">
          <FileDeleteDialog
            file={file}
            busy={mode.busy}
            error={mode.error}
            onConfirm={() => void confirmDelete(file)}
            onClose={() => setMode({ name: 'list' })}
          />
        </Box>
      </Box>
    );
  }

  const visible = files.slice(view.top, view.top + rows);
  return (
    <Box flexDirection="column" width={width}>
      {statusLine}
      <FileHeaderRow columns={columns} />
      {visible.length === 0 ? (
        <Text color={theme.muted} wrap="truncate-end">
          {emptyText(view)}
        </Text>
      ) : (
        visible.map((file, i) => (
          <FileRow key={file.id} file={file} selected={view.top + i === view.index} columns={columns} now={now} />
        ))
      )}
      {/* The rows above take their full height, so these two lines stay at the bottom. */}
      {visible.length < rows ? <Box height={rows - Math.max(1, visible.length)} /> : null}
      <SelectedLine file={selected} now={now} theme={theme} />
      {/* Below: news first, then paging (loading, its error, whether more exist). */}
      <NoticeLine
        notice={
          notice ??
          listPaging({
            index: view.index,
            total: files.length,
            hasMore: view.state.hasMore,
            loadingMore: view.state.loadingMore,
            loadMoreError: view.state.loadMoreError,
            retryKey: keyLabel('refresh', 'files'),
          })
        }
      />
    </Box>
  );
}

/** The batch form, with the endpoint its file's first request names (looked up while it shows). */
function BatchForm(props: Omit<Parameters<typeof FileBatchForm>[0], 'detectedEndpoint'> & { service: FilesService }) {
  const { service, ...rest } = props;
  const detected = useDetectedEndpoint(service, props.file.id);
  return <FileBatchForm {...rest} detectedEndpoint={detected} />;
}

/** A failed create, in words; when the answer was lost the batch may exist after all. */
function createError(error: unknown): string {
  const message = errorMessage(error);
  if (isApiError(error) && (error.kind === 'unreachable' || error.kind === 'timeout')) {
    return `${message} It may have been created anyway: check the job list before trying again.`;
  }
  return message;
}

function emptyText(view: FilesView): string {
  const { state } = view;
  if (!state.loaded) return state.error ? 'No files to show yet.' : 'Loading files…';
  return 'No uploaded files.';
}

/** The selected file in full: id, local upload time, expiry, exact size, an unusual status. */
function SelectedLine({ file, now, theme }: { file: FileObject | null; now: number; theme: Theme }) {
  if (!file) return <Text> </Text>;
  const expires =
    file.expiresAt === null
      ? null
      : file.expiresAt * 1000 > now
        ? `expires ${relativeTime(file.expiresAt, now)}`
        : `expired ${relativeTime(file.expiresAt, now)}`;
  // The table already shows the size in KB/MB; here the exact count, after the dates.
  const size = file.bytes === null ? null : plural(file.bytes, 'byte', { grouped: true });
  // `status` is deprecated and nearly always `processed`: shown only when it says something else.
  const status =
    file.status && file.status !== 'processed' && file.status !== 'uploaded' ? `status ${file.status}` : null;
  const parts = [
    file.id,
    file.createdAt === null ? null : `uploaded ${localDateTime(file.createdAt)}`,
    expires,
    size,
    status,
  ];
  return (
    <Text color={theme.info} wrap="truncate-end">
      {parts.filter(Boolean).join(' · ')}
    </Text>
  );
}

/** Above the table: loading, the error (the files shown stay, marked stale), or what is listed. */
function FilesStatus({ view, host }: { view: FilesView; host: string }) {
  const { state, files } = view;
  const what = plural(files.length, 'file', { grouped: true });
  return (
    <StatusLine
      loading={state.loading}
      loadingText={state.loaded ? 'Refreshing…' : `Loading files from ${host}…`}
      error={state.error}
      errorPrefix={state.loaded ? 'stale: ' : 'Could not load the files: '}
      retryKey={keyLabel('refresh', 'files')}
      summary={
        state.loaded
          ? `${what}${state.hasMore ? ' so far' : ''} on ${host} · newest first · ${keyLabel('refresh', 'files')} refreshes`
          : null
      }
    />
  );
}
