import { Box, Text } from 'ink';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { maskKey } from '../../../api/index.js';
import { providerPresets, type Profile } from '../../../config/index.js';
import { useFormFocus } from '../../kit/useFormFocus.js';
import { useConnectionTest } from './useProfiles.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useApp } from '../../state/services-context.js';
import { useTheme } from '../../theme/context.js';
import { ConnectionTestLine } from './ConnectionTestLine.js';
import { Button, RefreshInput } from './ProfileFormParts.js';
import { FieldInput } from '../../kit/FieldInput.js';
import { TextField } from '../../kit/TextField.js';
import { FieldRow, fieldPrefixWidth } from '../../kit/FieldRow.js';
import { MaskedInput } from '../../kit/MaskedInput.js';
import { SelectMenu } from '../../kit/SelectMenu.js';
import { fieldLabels, messageLine, type ProfileFormMode, type ProfileFormRow } from './ProfileFormMessage.js';

import {
  baseURLError,
  buildProfile,
  choosePreset,
  pickPreset,
  initialValues,
  keyToSend,
  presetOf,
  type FieldId,
  type ProfileFormValues,
} from './ProfileFormModel.js';

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

type Row = ProfileFormRow;
const labels = fieldLabels;
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
  // The provider's list (space on the field) is open: it takes the keys and the lines below the field.
  const [menuOpen, setMenuOpen] = useState(false);
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
  useCommands(
    scope,
    (command) => {
      if (navigate(command)) return true;
      const current = liveRow();
      switch (command) {
        case 'openMenu':
          if (current === 'provider') setMenuOpen(true);
          break;
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
    },
    true,
    row === 'provider' ? [] : ['openMenu'],
  );
  const choosePresetFromMenu = (id: string) => {
    setMenuOpen(false);
    update(pickPreset(live.current, id, mode !== 'edit'));
    reset();
  };

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
        <TextField
          value={values.name}
          onChange={edit('name')}
          focus={row === 'name'}
          hasFocus={hasFocus('name')}
          width={valueWidth}
          placeholder="e.g. work"
        />,
      )}
      {field('provider', <PresetChooser baseURL={values.baseURL} focused={row === 'provider'} width={valueWidth} />)}
      {menuOpen ? (
        <SelectMenu
          choices={providerPresets.map((p) => ({ value: p.id, label: p.label }))}
          value={presetOf(values.baseURL).id}
          height={Math.max(1, height - 2)}
          width={width}
          onChoose={choosePresetFromMenu}
          onClose={() => setMenuOpen(false)}
        />
      ) : (
        <>
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
        </>
      )}
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
