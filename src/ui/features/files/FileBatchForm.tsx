import { Box, Text } from 'ink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FileObject } from '../../../api/index.js';
import { BATCH_ENDPOINTS, DEFAULT_BATCH_ENDPOINT, descriptionProblem } from '../../../core/batch-options.js';
import type { BatchFromFile } from '../../../core/files.js';
import { bytes } from '../../format/numbers.js';
import { relativeTime } from '../../format/time.js';
import { useNow } from '../../kit/useClock.js';
import { useFormFocus } from '../../kit/useFormFocus.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useTheme } from '../../theme/context.js';
import { FieldInput } from '../../kit/FieldInput.js';
import { FieldRow } from '../../kit/FieldRow.js';
import { filenameOf } from './FileColumns.js';
import { Spinner } from '../../kit/Spinner.js';

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
  const choose = (step: 1 | -1) => {
    const current = liveRow();
    if (current === 'endpoint') {
      const at = BATCH_ENDPOINTS.indexOf(live.current.endpoint);
      const next = BATCH_ENDPOINTS[(at + step + BATCH_ENDPOINTS.length) % BATCH_ENDPOINTS.length]!;
      live.current.endpoint = next;
      live.current.endpointChosen = true;
      setEndpoint(next);
    } else if (current === 'window' && windows.length > 1) {
      const next = (live.current.windowIndex + step + windows.length) % windows.length;
      live.current.windowIndex = next;
      setWindowIndex(next);
    }
  };

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
    (row === 'endpoint' && BATCH_ENDPOINTS.length > 1) || (row === 'window' && windows.length > 1)
      ? []
      : ['optionNext', 'optionPrev'],
  );

  const valueWidth = Math.max(16, Math.min(52, width - prefixWidth - 1));
  const roomy = height >= fileBatchFormHeight;
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
        {[file.id, bytes(file.bytes), uploaded].filter(Boolean).join(' · ')}
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
      {field(
        'window',
        'Window',
        <Choice
          options={windows}
          value={windows[windowIndex] ?? initialWindow}
          focused={row === 'window'}
          width={valueWidth}
        />,
      )}
      {field(
        'description',
        'Description',
        <FieldInput
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
    </Box>
  );
}

/** Cells before a value: focus marker, label ("Description" whole), error mark. */
const prefixWidth = 16;

/** All options when they fit (the chosen one in brackets), else the chosen one between arrows. */
function Choice({
  options,
  value,
  focused,
  width,
  note,
}: {
  options: readonly string[];
  value: string;
  focused: boolean;
  width: number;
  note?: string | undefined;
}) {
  const theme = useTheme();
  const all = options.map((o) => ` ${o} `).join(' ');
  const suffix = note ? `  ${note}` : '';
  if (all.length + suffix.length <= width) {
    return (
      <Text wrap="truncate-end">
        {options.map((o, i) => (
          <Text key={o}>
            {i > 0 ? ' ' : ''}
            {o === value ? (
              <Text bold color={focused ? theme.accent : undefined}>
                [{o}]
              </Text>
            ) : (
              <Text color={theme.muted}> {o} </Text>
            )}
          </Text>
        ))}
        {note ? <Text color={theme.muted}>{suffix}</Text> : null}
      </Text>
    );
  }
  const position = options.length > 1 ? ` ${options.indexOf(value) + 1}/${options.length}` : '';
  return (
    <Text wrap="truncate-end">
      {options.length > 1 ? <Text color={theme.muted}>‹ </Text> : null}
      <Text bold color={focused ? theme.accent : undefined}>
        {value}
      </Text>
      {options.length > 1 ? <Text color={theme.muted}> ›{position}</Text> : null}
      {note ? <Text color={theme.muted}>{suffix}</Text> : null}
    </Text>
  );
}

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
      return { text: '←→ chooses the endpoint the requests of the file go to.', tone: 'muted' };
    case 'window':
      return input.windows.length > 1
        ? { text: "←→ chooses how long the provider may take (the profile's list).", tone: 'muted' }
        : { text: `${input.windows[0] ?? '24h'} is the only completion window this profile lists.`, tone: 'muted' };
    case 'description':
      return { text: 'Optional: saved as metadata.description, shown in the job list.', tone: 'muted' };
    case 'create':
      return { text: `Starts a batch on ${input.fileId}; nothing is uploaded.`, tone: 'muted' };
  }
}
