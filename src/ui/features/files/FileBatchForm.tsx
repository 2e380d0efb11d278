import { Box, Text } from 'ink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FileObject } from '../../../api/index.js';
import { BATCH_ENDPOINTS, DEFAULT_BATCH_ENDPOINT, descriptionProblem } from '../../../core/batch-options.js';
import type { BatchFromFile } from '../../../core/files/state.js';
import { formatBytes } from '../../format/numbers.js';
import { relativeTime } from '../../format/time.js';
import { useNow } from '../../kit/useClock.js';
import { useFormFocus } from '../../kit/useFormFocus.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useTheme } from '../../theme/context.js';
import { TextField } from '../../kit/TextField.js';
import { FieldRow } from '../../kit/FieldRow.js';
import { SelectMenu } from '../../kit/SelectMenu.js';
import { filenameOf } from './FileColumns.js';
import { Choice } from './FileChoice.js';
import { Spinner } from '../../kit/Spinner.js';
import { keyLabel } from '../../keys/keymap.js';

export interface FileBatchFormProps {
  file: FileObject;
  /** The profile's completion windows, and the one to start on. */
  windows: readonly string[];
  initialWindow: string;
  /** The endpoint the file's first request names: undefined while still looking, null when unknown. */
  detectedEndpoint: string | null | undefined;
  width: number;
  /** Lines the form may use: 7 at least, 9 with spacers. */
  height: number;
  /** The create request is in flight. */
  busy: boolean;
  /** Why the last create failed. */
  error: string | null;
  onSubmit: (values: BatchFromFile) => void;
  onCancel: () => void;
}

type Row = 'endpoint' | 'window' | 'description' | 'create';
const rows: readonly Row[] = ['endpoint', 'window', 'description', 'create'];

/** The lines the form needs with its spacer rows. */
export const fileBatchFormHeight = 9;

/**
 * A batch from a file uploaded before (no upload): endpoint (preset from the file's first request
 * when it names one of the four), completion window (the profile's list, 24h first), optional
 * description stored as metadata. Enter moves on and, on Create, sends; esc leaves, sending nothing.
 */
export function FileBatchForm({
  file,
  windows,
  initialWindow,
  detectedEndpoint,
  width,
  height,
  busy,
  error,
  onSubmit,
  onCancel,
}: FileBatchFormProps) {
  const theme = useTheme();
  const now = useNow();
  const [endpoint, setEndpoint] = useState(DEFAULT_BATCH_ENDPOINT);
  const [windowIndex, setWindowIndex] = useState(() => Math.max(0, windows.indexOf(initialWindow)));
  const [description, setDescription] = useState('');
  const { row, liveRow, hasFocus, focusOn, navigate } = useFormFocus(rows, { buttons: { create: () => submit() } });
  // Keys in one chunk are handled before React renders again: read the newest values from here.
  const live = useRef({ endpoint, windowIndex, description, endpointChosen: false });
  live.current = { ...live.current, endpoint, windowIndex, description };

  // The file's own endpoint, once known, unless the user already chose one.
  useEffect(() => {
    if (detectedEndpoint && !live.current.endpointChosen) {
      live.current.endpoint = detectedEndpoint;
      setEndpoint(detectedEndpoint);
    }
  }, [detectedEndpoint]);

  const descriptionError = descriptionProblem(description) ?? undefined;
  // The list of the endpoint or the window (space on the field) is open: it takes the keys and the lines below.
  const [menu, setMenu] = useState<'endpoint' | 'window' | null>(null);

  const editDescription = (text: string) => {
    live.current.description = text;
    setDescription(text);
  };
  const submit = () => {
    const current = live.current;
    if (descriptionProblem(current.description)) {
      focusOn('description');
      return;
    }
    onSubmit({
      endpoint: current.endpoint,
      completionWindow: windows[current.windowIndex] ?? initialWindow,
      description: current.description,
    });
  };
  const chooseEndpoint = (next: string) => {
    live.current.endpoint = next;
    live.current.endpointChosen = true;
    setEndpoint(next);
  };
  const chooseWindow = (next: number) => {
    live.current.windowIndex = next;
    setWindowIndex(next);
  };
  const choose = (step: 1 | -1) => {
    const current = liveRow();
    if (current === 'endpoint') {
      const at = BATCH_ENDPOINTS.indexOf(live.current.endpoint);
      chooseEndpoint(BATCH_ENDPOINTS[(at + step + BATCH_ENDPOINTS.length) % BATCH_ENDPOINTS.length]!);
    } else if (current === 'window' && windows.length > 1) {
      chooseWindow((live.current.windowIndex + step + windows.length) % windows.length);
    }
  };
  const hasChoice = (field: Row) =>
    (field === 'endpoint' && BATCH_ENDPOINTS.length > 1) || (field === 'window' && windows.length > 1);

  useCommands(
    'fileForm',
    (command) => {
      // While the create is in flight nothing may change what is being sent, or send it twice.
      if (busy || navigate(command)) return true;
      switch (command) {
        case 'optionNext':
        case 'optionPrev':
          choose(command === 'optionNext' ? 1 : -1);
          break;
        case 'openMenu': {
          const current = liveRow();
          if ((current === 'endpoint' || current === 'window') && hasChoice(current)) setMenu(current);
          break;
        }
        case 'back':
          onCancel();
          break;
        default:
          break;
      }
      return true;
      // ←→ only on a field with a choice to make (the endpoint; the window when there are several).
    },
    true,
    hasChoice(row) ? [] : ['optionNext', 'optionPrev', 'openMenu'],
  );

  const valueWidth = Math.max(16, Math.min(52, width - prefixWidth - 1));
  const roomy = height >= fileBatchFormHeight;
  // An open list has the lines under the endpoint field: the title, the file's line and a spacer are above it.
  const menuHeight = Math.max(1, height - (roomy ? 4 : 3));
  const field = (id: Row, label: string, input: ReactNode, fieldError?: string) => (
    <FieldRow
      label={label}
      focused={row === id}
      error={fieldError !== undefined}
      valueWidth={valueWidth}
      width={width}
      labelWidth={prefixWidth}
    >
      {input}
    </FieldRow>
  );
  const uploaded = file.createdAt === null ? null : `uploaded ${relativeTime(file.createdAt, now)}`;
  const message = messageLine({
    row,
    busy,
    error,
    descriptionError,
    endpoint,
    detectedEndpoint,
    windows,
    fileId: file.id,
  });

  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        New batch from {filenameOf(file)}
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {[file.id, formatBytes(file.bytes), uploaded].filter(Boolean).join(' · ')}
      </Text>
      {roomy ? <Text> </Text> : null}
      {field(
        'endpoint',
        'Endpoint',
        <Choice
          options={BATCH_ENDPOINTS}
          value={endpoint}
          focused={row === 'endpoint'}
          width={valueWidth}
          note={detectedEndpoint && endpoint === detectedEndpoint ? 'as in the file' : undefined}
        />,
      )}
      {menu === 'endpoint' ? (
        <SelectMenu
          choices={BATCH_ENDPOINTS.map((e) => ({ value: e, label: e }))}
          value={endpoint}
          height={menuHeight}
          width={width}
          onChoose={(next) => {
            setMenu(null);
            chooseEndpoint(next);
          }}
          onClose={() => setMenu(null)}
        />
      ) : null}
      {menu === 'endpoint'
        ? null
        : field(
            'window',
            'Window',
            <Choice
              options={windows}
              value={windows[windowIndex] ?? initialWindow}
              focused={row === 'window'}
              width={valueWidth}
            />,
          )}
      {menu === 'window' ? (
        <SelectMenu
          choices={windows.map((w) => ({ value: w, label: w }))}
          value={windows[windowIndex] ?? initialWindow}
          height={menuHeight - 1}
          width={width}
          onChoose={(next) => {
            setMenu(null);
            chooseWindow(Math.max(0, windows.indexOf(next)));
          }}
          onClose={() => setMenu(null)}
        />
      ) : null}
      {menu === null ? (
        <>
          {field(
            'description',
            'Description',
            <TextField
              value={description}
              onChange={editDescription}
              focus={row === 'description'}
              hasFocus={hasFocus('description')}
              width={valueWidth}
              placeholder="optional"
            />,
            descriptionError,
          )}
          {roomy ? <Text> </Text> : null}
          <Text bold={row === 'create'} color={row === 'create' ? theme.accent : undefined} wrap="truncate-end">
            {row === 'create' ? '› ' : '  '}[ Create batch ]
          </Text>
          <Text
            color={message.tone === 'danger' ? theme.danger : message.tone === 'warning' ? theme.warning : theme.muted}
            wrap="truncate-end"
          >
            {message.busy ? (
              <>
                <Spinner />{' '}
              </>
            ) : null}
            {message.text}
          </Text>
        </>
      ) : null}
    </Box>
  );
}

/** Cells before a value: focus marker, label ("Description" whole), error mark. */
const prefixWidth = 16;

interface MessageInput {
  row: Row;
  busy: boolean;
  error: string | null;
  descriptionError: string | undefined;
  endpoint: string;
  detectedEndpoint: string | null | undefined;
  windows: readonly string[];
  fileId: string;
}

/** The form's last line: progress, what went wrong, a mismatch with the file, else what the field is for. */
function messageLine(input: MessageInput): { text: string; tone: 'danger' | 'warning' | 'muted'; busy?: boolean } {
  const { row, detectedEndpoint, endpoint } = input;
  if (input.busy) return { text: 'Creating the batch…', tone: 'muted', busy: true };
  if (input.error) return { text: `✗ ${input.error}`, tone: 'danger' };
  if (input.descriptionError) return { text: `✗ Description: ${input.descriptionError}`, tone: 'danger' };
  if (detectedEndpoint && endpoint !== detectedEndpoint) {
    return {
      text: `! The file's requests go to ${detectedEndpoint}: on ${endpoint} the batch would fail.`,
      tone: 'warning',
    };
  }
  switch (row) {
    case 'endpoint':
      return {
        text: `${keyLabel('optionNext', 'fileForm')} chooses the endpoint the requests of the file go to.`,
        tone: 'muted',
      };
    case 'window':
      return input.windows.length > 1
        ? {
            text: `${keyLabel('optionNext', 'fileForm')} chooses how long the provider may take (the profile's list).`,
            tone: 'muted',
          }
        : { text: `${input.windows[0] ?? '24h'} is the only completion window this profile lists.`, tone: 'muted' };
    case 'description':
      return { text: 'Optional: saved as metadata.description, shown in the job list.', tone: 'muted' };
    case 'create':
      return { text: `Starts a batch on ${input.fileId}; nothing is uploaded.`, tone: 'muted' };
  }
}
