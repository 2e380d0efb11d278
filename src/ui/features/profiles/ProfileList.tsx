import { Box, Text } from 'ink';
import { maskKey } from '../../../api/index.js';
import { hostOf, type Profile } from '../../../config/index.js';
import { fitWidth } from '../../format/fit.js';
import { useTheme } from '../../theme/context.js';
import { centreOnCursor } from '../../kit/listCursor.js';

export interface ProfileListProps {
  profiles: readonly Profile[];
  selected: number;
  /** The profile new sessions start with (config.activeProfile). */
  activeName: string | null;
  /** The profile the console is connected with now, when that is another one (--profile). */
  inUseName: string | null;
  width: number;
  /** Lines for the rows (the column heading takes one more). */
  rows: number;
}

/**
 * The profiles table: name, host, masked key, and "active" in words. Only the rows that fit are
 * rendered, the selected one always among them.
 */
export function ProfileList({ profiles, selected, activeName, inUseName, width, rows }: ProfileListProps) {
  const theme = useTheme();
  const visible = Math.max(1, rows);
  const start = centreOnCursor(selected, profiles.length, visible);
  const nameWidth = Math.min(20, Math.max(6, ...profiles.map((p) => p.name.length)));
  const keyWidth = 12;
  const stateWidth = 8;
  const hostWidth = Math.max(8, Math.min(36, width - 2 - nameWidth - keyWidth - stateWidth - 3));
  const cells = (name: string, host: string, key: string, state: string) =>
    `${fitWidth(name, nameWidth)} ${fitWidth(host, hostWidth)} ${fitWidth(key, keyWidth)} ${state}`;

  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.muted} wrap="truncate-end">
        {'  ' + cells('name', 'host', 'key', '')}
      </Text>
      {profiles.slice(start, start + visible).map((profile, i) => {
        const isSelected = start + i === selected;
        const state = profile.name === activeName ? 'active' : profile.name === inUseName ? 'in use' : '';
        const key = profile.apiKey ? maskKey(profile.apiKey) : 'no key';
        return (
          <Text
            key={profile.name}
            wrap="truncate-end"
            bold={isSelected}
            color={isSelected ? theme.selection : undefined}
          >
            {isSelected ? '› ' : '  '}
            {cells(profile.name, hostOf(profile.baseURL), key, '')}
            <Text color={state === 'active' ? theme.success : theme.info}>{state ? `● ${state}` : ''}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
