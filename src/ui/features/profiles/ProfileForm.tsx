import { Box, Text } from 'ink';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { maskKey } from '../../../api/index.js';
import { defaultRefreshSeconds, providerPresets, type Profile } from '../../../config/index.js';
import { useFormFocus } from '../../kit/useFormFocus.js';
import { useConnectionTest, type ConnectionTest } from './useProfiles.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useApp } from '../../state/services-context.js';
import { useTheme } from '../../theme/context.js';
import { ConnectionTestLine } from './ConnectionTestLine.js';
import { FieldInput } from '../../kit/FieldInput.js';
import { FieldRow, fieldPrefixWidth } from '../../kit/FieldRow.js';
import { MaskedInput } from '../../kit/MaskedInput.js';
import {
  baseURLError,
  buildProfile,
  choosePreset,
  initialValues,
  keyMovesTo,
  keyToSend,
  presetOf,
  type FieldId,
  type ProfileFormValues,
} from './ProfileFormModel.js';

export type ProfileFormMode = 'setup' | 'add' | 'edit';

export interface ProfileFormProps {
  mode: ProfileFormMode;
  /** The profile being edited. */
  existing?: Profile;
  /** Names of the other profiles (a new name must differ). */
  takenNames: readonly string[];
  width: number;
  /** Lines the form may use; it needs 8, 9 with a spacer. */
  height: number;
  /** A question is open over the form: its fields take no keys (the y of "Quit? y/N" is not a name). */
  paused?: boolean;
  onSaved: (profile: Profile) => void;
  onCancel: () => void;
}

type Row = FieldId | 'test' | 'save';
const labels: Record<FieldId, string> = {
  name: 'Name',
  provider: 'Provider',
  baseURL: 'Base URL',
  apiKey: 'API key',
  refresh: 'Refresh',
};
const rowOrder: readonly Row[] = ['name', 'provider', 'baseURL', 'apiKey', 'refresh', 'test', 'save'];

/** The lines the form needs at most: five fields, a spacer, two buttons, the message line. */
export const profileFormHeight = 9;

/**
 * Name, provider preset, base URL, key (masked) and refresh interval; "test connection" and save.
 * Checked with the config file's own schema; saved through the session, which writes the file
 * first and only then switches. The key is never drawn: only •, its length, or maskKey(). Editing
 * a profile with a key, ctrl-x on the key field removes that key when the form is saved.
 */
export function ProfileForm({
  mode,
  existing,
  takenNames,
  width,
  height,
  paused = false,
  onSaved,
  onCancel,
}: ProfileFormProps) {
  const theme = useTheme();
  const { session } = useApp();
  const [values, setValues] = useState<ProfileFormValues>(() =>
    initialValues(existing, mode === 'setup' ? 'fizz' : ''),
  );
  const [touched, setTouched] = useState<ReadonlySet<Row>>(new Set());
  const [saveError, setSaveError] = useState<string | null>(null);
  const { test, run, reset } = useConnectionTest();
  // A field counts as visited (its error shows) once the focus leaves it.
  const visited = (row: Row) => setTouched((t) => new Set(t).add(row));
  const {
    row,
    liveRow,
    hasFocus: focusedNow,
    focusOn,
    navigate,
  } = useFormFocus(rowOrder, { buttons: { test: () => runTest(), save: () => save() }, onLeave: visited });
  const hasFocus = (id: Row) => (paused ? () => false : focusedNow(id));
  // Keys typed quickly (or over a slow link) arrive together and are handled before React renders
  // again: commands and fields read the values from here, always the newest.
  const live = useRef(values);

  const context = useMemo(() => ({ takenNames, ...(existing ? { existing } : {}) }), [takenNames, existing]);
  const { errors } = buildProfile(values, context);
  const shownError = (field: FieldId) => (touched.has(field) ? errors[field] : undefined);
  const storedKey = existing?.apiKey ? maskKey(existing.apiKey) : null;

  const update = (next: ProfileFormValues) => {
    live.current = next;
    setValues(next);
  };

  const edit = (field: 'name' | 'baseURL' | 'apiKey' | 'refresh') => (text: string) => {
    // A key typed in replaces the stored one: there is nothing left to remove.
    update({ ...live.current, [field]: text, ...(field === 'apiKey' && text ? { removeStoredKey: false } : {}) });
    setSaveError(null);
    // A test result belongs to the URL and key it was made with.
    if (field === 'baseURL' || field === 'apiKey') reset();
  };

  /** ctrl-x on the key field: the stored key goes when saved, or (again) stays. */
  const toggleKeyRemoval = () => {
    const current = live.current;
    update({ ...current, apiKey: '', removeStoredKey: !current.removeStoredKey });
    setSaveError(null);
    reset();
  };

  const runTest = () => {
    const current = live.current;
    if (baseURLError(current)) {
      visited('baseURL');
      return;
    }
    const apiKey = keyToSend(current, existing);
    run('form', { baseURL: current.baseURL.trim(), ...(apiKey ? { apiKey } : {}) });
  };

  const save = () => {
    const built = buildProfile(live.current, context);
    setTouched(new Set(rowOrder));
    if (!built.profile) {
      const first = rowOrder.find((r) => r !== 'test' && r !== 'save' && built.errors[r]);
      if (first) focusOn(first);
      return;
    }
    if (session.saveProfile(built.profile, existing?.name)) onSaved(built.profile);
    else setSaveError(session.getState().error ?? 'The profile could not be saved.');
  };

  // On the key field of a profile that has a key, the footer offers to remove it (ctrl-x).
  const scope = row === 'apiKey' && storedKey ? 'formStoredKey' : 'form';
  useCommands(scope, (command) => {
    if (navigate(command)) return true;
    const current = liveRow();
    switch (command) {
      case 'optionNext':
      case 'optionPrev':
        if (current === 'provider') {
          update(choosePreset(live.current, command === 'optionNext' ? 1 : -1, mode !== 'edit'));
          reset();
        }
        break;
      case 'removeKey':
        if (current === 'apiKey' && storedKey) toggleKeyRemoval();
        break;
      case 'back':
        onCancel();
        break;
      default:
        break;
    }
    return true;
  });

  const valueWidth = Math.max(16, Math.min(52, width - fieldPrefixWidth - 1));
  const keyPlaceholder = !storedKey
    ? 'paste or type (optional)'
    : values.removeStoredKey
      ? `no key: ${storedKey} is removed on save`
      : `${storedKey} (kept; type to replace)`;
  const field = (id: FieldId, input: ReactNode) => (
    <FieldRow label={labels[id]} focused={row === id} error={shownError(id)} valueWidth={valueWidth} width={width}>
      {input}
    </FieldRow>
  );
  const visibleErrors = Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field as Row)));
  const message = messageLine({
    row,
    errors: visibleErrors,
    saveError,
    test,
    mode,
    values,
    existing,
    storedKey,
    configPath: session.configPath,
  });

  return (
    <Box flexDirection="column" width={width}>
      {field(
        'name',
        <FieldInput
          value={values.name}
          onChange={edit('name')}
          focus={row === 'name'}
          hasFocus={hasFocus('name')}
          width={valueWidth}
          placeholder="e.g. work"
        />,
      )}
      {field('provider', <PresetChooser baseURL={values.baseURL} focused={row === 'provider'} width={valueWidth} />)}
      {field(
        'baseURL',
        <FieldInput
          value={values.baseURL}
          onChange={edit('baseURL')}
          focus={row === 'baseURL'}
          hasFocus={hasFocus('baseURL')}
          width={valueWidth}
          placeholder="https://…/v1"
        />,
      )}
      {field(
        'apiKey',
        <MaskedInput
          value={values.apiKey}
          onChange={edit('apiKey')}
          focus={row === 'apiKey'}
          hasFocus={hasFocus('apiKey')}
          width={valueWidth}
          placeholder={keyPlaceholder}
        />,
      )}
      {field(
        'refresh',
        <RefreshInput
          value={values.refresh}
          onChange={edit('refresh')}
          focused={row === 'refresh'}
          hasFocus={hasFocus('refresh')}
        />,
      )}
      {height >= profileFormHeight ? <Text> </Text> : null}
      <Button label="Test connection" focused={row === 'test'} width={width}>
        <ConnectionTestLine test={test} />
      </Button>
      <Button label={mode === 'setup' ? 'Save and connect' : 'Save'} focused={row === 'save'} width={width} />
      <Text
        color={message.tone === 'danger' ? theme.danger : message.tone === 'warning' ? theme.warning : theme.muted}
        wrap="truncate-end"
      >
        {message.text}
      </Text>
    </Box>
  );
}

function PresetChooser({ baseURL, focused, width }: { baseURL: string; focused: boolean; width: number }) {
  const theme = useTheme();
  const chosen = presetOf(baseURL);
  const all = providerPresets.map((p) => p.label).join('  ') + '  ';
  // All choices when they fit (the chosen one in brackets), else just the chosen one with arrows.
  if (all.length + 2 <= width) {
    return (
      <Text wrap="truncate-end">
        {providerPresets.map((p) =>
          p.id === chosen.id ? (
            <Text key={p.id} bold color={focused ? theme.accent : undefined}>
              [{p.label}]
            </Text>
          ) : (
            <Text key={p.id} color={theme.muted}>
              {' '}
              {p.label}{' '}
            </Text>
          ),
        )}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text color={theme.muted}>‹ </Text>
      <Text bold>{chosen.label}</Text>
      <Text color={theme.muted}> ›</Text>
    </Text>
  );
}

function RefreshInput({
  value,
  onChange,
  focused,
  hasFocus,
}: {
  value: string;
  onChange: (v: string) => void;
  focused: boolean;
  hasFocus: () => boolean;
}) {
  const theme = useTheme();
  return (
    <Box>
      <FieldInput
        value={value}
        onChange={onChange}
        focus={focused}
        hasFocus={hasFocus}
        width={6}
        placeholder={String(defaultRefreshSeconds)}
      />
      <Text color={theme.muted}> seconds{value ? '' : ' (default)'}</Text>
    </Box>
  );
}

function Button({
  label,
  focused,
  width,
  children,
}: {
  label: string;
  focused: boolean;
  width: number;
  children?: ReactNode;
}) {
  const theme = useTheme();
  return (
    <Box width={width}>
      <Box flexShrink={0}>
        <Text bold={focused} color={focused ? theme.accent : undefined}>
          {focused ? '› ' : '  '}[ {label} ]
        </Text>
      </Box>
      {children ? (
        <Box marginLeft={2} flexShrink={1}>
          {children}
        </Box>
      ) : null}
    </Box>
  );
}

interface MessageInput {
  row: Row;
  errors: Partial<Record<FieldId, string>>;
  saveError: string | null;
  test: ConnectionTest;
  mode: ProfileFormMode;
  values: ProfileFormValues;
  existing: Profile | undefined;
  storedKey: string | null;
  configPath: string | null;
}

/** The form's last line: what went wrong, else what the focused field is for. */
function messageLine(input: MessageInput): { text: string; tone: 'danger' | 'warning' | 'muted' } {
  const { row, errors, saveError, test, storedKey } = input;
  const removing = Boolean(storedKey && input.values.removeStoredKey);
  if (saveError) return { text: `✗ ${saveError}`, tone: 'danger' };
  if (row !== 'test' && row !== 'save' && errors[row]) return { text: `✗ ${errors[row]}`, tone: 'danger' };
  if (row === 'test' && test.status === 'failed') return { text: `✗ ${test.message}`, tone: 'danger' };
  // A problem elsewhere outranks the focused field's hint: its own row may have cut it short.
  const other = (Object.keys(labels) as FieldId[]).find((field) => errors[field]);
  if (other) return { text: `✗ ${labels[other]}: ${errors[other]}`, tone: 'danger' };
  switch (row) {
    case 'name':
      return { text: 'A short name, e.g. work (letters, digits, . _ -).', tone: 'muted' };
    case 'provider':
      return { text: '←→ picks a provider (fills the URL); Custom for any other.', tone: 'muted' };
    case 'baseURL':
      return { text: 'The API root with its version, e.g. http://host:8080/v1', tone: 'muted' };
    case 'apiKey': {
      if (removing)
        return { text: `! The stored key ${storedKey} will be removed on save; ctrl-x keeps it.`, tone: 'warning' };
      const movedTo = keyMovesTo(input.values, input.existing);
      if (movedTo)
        return {
          text: `! The stored key ${storedKey} will be sent to ${movedTo}; ctrl-x removes it.`,
          tone: 'warning',
        };
      if (storedKey)
        return { text: `Typed hidden. Empty keeps the stored key ${storedKey}; ctrl-x removes it.`, tone: 'muted' };
      return { text: 'Typed hidden; paste works. Empty: no key is sent.', tone: 'muted' };
    }
    case 'refresh':
      return { text: `Job list refresh, in seconds (1–3600; default ${defaultRefreshSeconds}).`, tone: 'muted' };
    case 'test':
      return {
        text: `Asks the server for its models with this URL and ${removing ? 'no key' : 'key'}.`,
        tone: 'muted',
      };
    case 'save':
      // Said first: a long config path may be cut off at the end of the line.
      if (removing)
        return {
          text: `! Removes the stored key ${storedKey}; ${input.configPath ? `saves to ${tildePath(input.configPath)} (mode 0600)` : 'this session only'}.`,
          tone: 'warning',
        };
      if (!input.configPath) return { text: 'Kept for this session only: the demo writes no file.', tone: 'muted' };
      return { text: `Saves to ${tildePath(input.configPath)} (mode 0600).`, tone: 'muted' };
  }
}

/** ~/… for the home directory: shorter, and the same on every screen. */
export function tildePath(path: string): string {
  const home = process.env.HOME;
  return home && path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}
