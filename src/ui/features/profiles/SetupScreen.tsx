import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { ProfileForm, profileFormHeight } from './ProfileForm.js';
import { tildePath } from './ProfileFormMessage.js';
import { ConfirmDialog } from '../../kit/ConfirmDialog.js';
import { useObservable } from '../../kit/useObservable.js';
import { useApp } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import { keyLabel } from '../../keys/keymap.js';

interface Line {
  text: string;
  /** Lower is kept longer when the terminal is short. */
  priority: number;
  tone?: 'title' | 'danger' | 'muted' | 'path';
}

/**
 * First run: no profile and no FIZZ_API_KEY. A few lines on what this is and where the key goes,
 * then the profile form. Saving connects the session; the app then opens the job list by itself.
 */
export function SetupScreen() {
  const theme = useTheme();
  const { session, exit } = useApp();
  const { width, height } = useBodySize();
  // A reason the console could not connect (say, --profile naming a profile that does not exist).
  const [problem, setProblem] = useState<string | null>(() => session.getState().error);
  // esc on the form would otherwise end the program with what was typed: it asks first.
  const [askingQuit, setAskingQuit] = useState(false);

  const { config } = useObservable(session);
  const takenNames = useMemo(() => config.profiles.map((p) => p.name), [config.profiles]);
  const path = session.configPath;
  const lines: Line[] = [
    ...(problem ? [{ text: `✗ ${problem}`, priority: 0, tone: 'danger' as const }] : []),
    { text: 'Welcome to fizz-batch, a console for Batch API jobs.', priority: 1, tone: 'title' },
    { text: 'Add a profile to begin: provider, base URL and API key.', priority: 4 },
    ...(path
      ? [
          { text: 'Your key is saved in a file only you can read:', priority: 2, tone: 'muted' as const },
          { text: `  ${tildePath(path)}`, priority: 2, tone: 'path' as const },
        ]
      : []),
    {
      text: `No key yet? Quit (${keyLabel('forceQuit', 'form')}) and run: fizz-batch --demo`,
      priority: 3,
      tone: 'muted',
    },
  ];

  // The form first; the welcome gets what is left, least important lines dropped first.
  let formHeight = Math.min(profileFormHeight, height);
  if (height - formHeight < lines.length && formHeight === profileFormHeight) formHeight -= 1;
  const room = Math.max(0, height - formHeight);
  const spacer = room > lines.length;
  const keep = [...lines].sort((a, b) => a.priority - b.priority).slice(0, spacer ? lines.length : room);
  const shown = lines.filter((line) => keep.includes(line));

  const onSaved = () => {
    // On success the session has services and App replaces this screen; if it could not connect
    // (the profile was still saved), say why here.
    if (!session.getState().services)
      setProblem(session.getState().error ?? 'Saved, but the console could not connect.');
  };

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.map((line) => (
        <Text
          key={line.text}
          wrap="truncate-end"
          bold={line.tone === 'title' || line.tone === 'path'}
          color={
            line.tone === 'danger'
              ? theme.danger
              : line.tone === 'muted'
                ? theme.muted
                : line.tone === 'title'
                  ? theme.accent
                  : undefined
          }
        >
          {line.text}
        </Text>
      ))}
      {spacer ? <Text> </Text> : null}
      {askingQuit ? (
        // esc here would end the program and lose what was typed: the default is to stay.
        <ConfirmDialog
          title="Quit fizz-batch? y/N"
          width={Math.max(30, Math.min(64, width - 2))}
          yes="quit"
          no="stay"
          doing="quitting"
          onConfirm={exit}
          onClose={() => setAskingQuit(false)}
        >
          <Text wrap="truncate-end">Nothing is saved: there is no profile yet.</Text>
        </ConfirmDialog>
      ) : null}
      <ProfileForm
        mode="setup"
        takenNames={takenNames}
        width={width}
        height={formHeight}
        paused={askingQuit}
        onSaved={onSaved}
        onCancel={() => setAskingQuit(true)}
      />
    </Box>
  );
}
