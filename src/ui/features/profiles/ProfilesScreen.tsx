import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Profile } from '../../../config/index.js';
import { ConfirmDialog } from '../../kit/ConfirmDialog.js';
import type { Notice } from '../../kit/notice.js';
import { NoticeLine } from '../../kit/NoticeLine.js';
import { cursorAfter } from '../../kit/listCursor.js';
import { ProfileForm, profileFormHeight } from './ProfileForm.js';
import { ProfileList } from './ProfileList.js';
import { ConnectionTestLine } from './ConnectionTestLine.js';
import { useObservable } from '../../kit/useObservable.js';
import { connectionNotes, useConnectionTest } from './useProfiles.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useApp } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';

type Mode =
  { name: 'list' } | { name: 'add' } | { name: 'edit'; profile: Profile } | { name: 'delete'; profile: Profile };

/** Border, title and two lines. */
const deleteModalHeight = 5;

/**
 * Profiles (`p`): the list with masked keys and the active one marked in words; use, add, edit,
 * delete (asks first, default No) and test. Switching writes the config first, then reconnects;
 * the app then shows the job list of the new connection.
 */
export function ProfilesScreen() {
  const theme = useTheme();
  const { session } = useApp();
  const { config, services, configWarning } = useObservable(session);
  const { width, height } = useBodySize();
  const [mode, setMode] = useState<Mode>({ name: 'list' });
  // Selection by name, so it stays on the same profile when the list changes under it.
  const [selectedName, setSelectedName] = useState<string | null>(() => config.activeProfile);
  const [notice, setNotice] = useState<Notice | null>(null);
  const { test, run } = useConnectionTest();
  // Another console may have saved profiles since this one read the file: show what it holds now.
  useEffect(() => {
    const problem = session.reloadConfig();
    if (problem) setNotice({ text: `✗ ${problem}`, tone: 'danger' });
  }, [session]);

  const profiles = config.profiles;
  const found = profiles.findIndex((p) => p.name === selectedName);
  const selected = found >= 0 ? found : 0;
  // Keys other users can read come first: of the notes, it is the one to act on.
  const notes = [...(configWarning ? [configWarning] : []), ...connectionNotes(services, config.activeProfile)];
  const inUseName = services?.connection.profile?.name ?? null;
  // Lines: notes, the table heading, rows, then the status (test result, notice) or the question.
  const shownNotes = notes.slice(0, height >= 14 ? 3 : 1);
  const statusLines = mode.name === 'delete' ? deleteModalHeight : 3;
  const listRows = Math.max(1, height - shownNotes.length - 1 - statusLines);

  // Several keys in one chunk are handled before the next render: move from the newest selection.
  const liveName = useRef(selectedName);
  const choose = (name: string) => {
    liveName.current = name;
    setSelectedName(name);
  };
  const liveIndex = () =>
    Math.max(
      0,
      profiles.findIndex((p) => p.name === liveName.current),
    );
  const select = (index: number) => {
    const next = profiles[index];
    if (next) choose(next.name);
  };
  const report = (ok: boolean, success: string) =>
    setNotice(
      ok
        ? { text: success, tone: 'success' }
        : { text: `✗ ${session.getState().error ?? 'That did not work.'}`, tone: 'danger' },
    );

  useCommands(
    'profiles',
    (command) => {
      const at = liveIndex();
      const current = profiles[at];
      const next = cursorAfter(command, at, profiles.length, listRows);
      if (next !== null) {
        select(next);
        return true;
      }
      switch (command) {
        case 'add':
          setNotice(null);
          setMode({ name: 'add' });
          return true;
        case 'edit':
        case 'delete':
          if (current) {
            setNotice(null);
            setMode(command === 'edit' ? { name: 'edit', profile: current } : { name: 'delete', profile: current });
          }
          return true;
        case 'activate':
          // On success the session reconnects and the app opens the job list of this profile.
          if (current) {
            session.useProfile(current.name);
            const { error } = session.getState();
            if (error) setNotice({ text: `✗ ${error}`, tone: 'danger' });
          }
          return true;
        case 'test':
          if (current)
            run(current.name, { baseURL: current.baseURL, ...(current.apiKey ? { apiKey: current.apiKey } : {}) });
          return true;
        default:
          return false;
      }
    },
    mode.name === 'list',
  );

  const takenNames = useMemo(
    () => profiles.map((p) => p.name).filter((n) => mode.name !== 'edit' || n !== mode.profile.name),
    [profiles, mode],
  );

  if (mode.name === 'add' || mode.name === 'edit') {
    const editing = mode.name === 'edit' ? mode.profile : undefined;
    const title = editing ? `Edit profile '${editing.name}'` : 'Add a profile';
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Text bold wrap="truncate-end">
          {title}
        </Text>
        {height > profileFormHeight + 1 ? <Text> </Text> : null}
        <ProfileForm
          key={editing?.name ?? 'new'}
          mode={mode.name}
          {...(editing ? { existing: editing } : {})}
          takenNames={takenNames}
          width={width}
          height={height - 1}
          onSaved={(profile) => {
            choose(profile.name);
            setNotice({ text: `Saved profile '${profile.name}'.`, tone: 'success' });
            setMode({ name: 'list' });
          }}
          onCancel={() => setMode({ name: 'list' })}
        />
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shownNotes.map((note) => (
        <Text key={note} color={theme.warning} wrap="truncate-end">
          ! {note}
        </Text>
      ))}
      {profiles.length === 0 ? (
        <Text wrap="truncate-end">No profiles yet. Press a to add one.</Text>
      ) : (
        <ProfileList
          profiles={profiles}
          selected={selected}
          activeName={config.activeProfile}
          inUseName={inUseName}
          width={width}
          rows={listRows}
        />
      )}
      {mode.name === 'delete' ? (
        <ConfirmDialog
          title={`Delete profile '${mode.profile.name}'? y/N`}
          width={Math.min(width, 64)}
          yes="delete"
          onConfirm={() => {
            report(session.deleteProfile(mode.profile.name), `Deleted profile '${mode.profile.name}'.`);
            setMode({ name: 'list' });
          }}
          onClose={() => setMode({ name: 'list' })}
        >
          <Text wrap="truncate-end">Its key is removed from the config file.</Text>
        </ConfirmDialog>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          <ConnectionTestLine test={test} named />
          {notice ? <NoticeLine notice={notice} /> : null}
        </Box>
      )}
    </Box>
  );
}
