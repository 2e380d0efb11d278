import { Box, Text } from 'ink';
import { useState } from 'react';
import { useCommands } from '../../keys/dispatcher.js';
import { helpBindings, type Binding, type Command, type Scope } from '../../keys/keymap.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';

/** Every key of the screen it was opened from, and the global ones, from the keymap table. */
export function HelpScreen({
  scope,
  title,
  unavailable = [],
}: {
  scope: Scope;
  title: string;
  unavailable?: readonly Command[];
}) {
  const theme = useTheme();
  const { height, width } = useBodySize();
  const { own, global } = helpBindings(scope, new Set(unavailable));
  const rows: Array<{ heading: string } | Binding> = [
    { heading: `Keys on the ${title} screen` },
    ...own,
    { heading: 'Everywhere' },
    ...global,
  ];
  const [offset, setOffset] = useState(0);
  const visible = Math.max(1, height);
  const maxOffset = Math.max(0, rows.length - visible);
  useCommands('help', (command) => {
    if (command === 'down') setOffset((o) => Math.min(maxOffset, o + 1));
    else if (command === 'up') setOffset((o) => Math.max(0, o - 1));
    else if (command === 'pageDown') setOffset((o) => Math.min(maxOffset, o + visible));
    else if (command === 'pageUp') setOffset((o) => Math.max(0, o - visible));
    else if (command === 'top') setOffset(0);
    else if (command === 'bottom') setOffset(maxOffset);
    else return false;
    return true;
  });
  const labelWidth = 22;
  return (
    <Box flexDirection="column" width={width}>
      {rows.slice(offset, offset + visible).map((row, i) =>
        'heading' in row ? (
          <Text key={`h${i}`} bold color={theme.accent}>
            {row.heading}
          </Text>
        ) : (
          <Text key={`${row.command}-${i}`} wrap="truncate-end">
            <Text bold>{`  ${allKeys(row)}`.padEnd(labelWidth)}</Text>
            <Text>{row.description}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}

function allKeys(binding: Binding): string {
  const names = binding.keys.map((k) => {
    const base = k.special ? specialNames[k.special] : k.input === ' ' ? 'space' : (k.input ?? '');
    return k.ctrl ? `ctrl-${base}` : base;
  });
  return names.join(' ');
}

const specialNames: Record<string, string> = {
  upArrow: '↑',
  downArrow: '↓',
  leftArrow: '←',
  rightArrow: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  return: 'enter',
  escape: 'esc',
  home: 'Home',
  end: 'End',
  tab: 'tab',
  backspace: 'backspace',
  delete: 'delete',
};
