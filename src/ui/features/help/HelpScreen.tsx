import { Box, Text } from 'ink';
import { useState } from 'react';
import { useCommands } from '../../keys/dispatcher.js';
import { helpBindings, type Binding, type Command, type Scope } from '../../keys/keymap.js';
import { useBodySize } from '../../state/layout.js';
import { movementFor, scrollAfter, scrollWindow } from '../../kit/listCursor.js';
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
  // Help has no line saying where it is: every row is a key.
  const view = scrollWindow(rows.length, height, offset, false);
  useCommands('help', (command) => {
    const movement = movementFor(command, view.visible);
    if (!movement) return false;
    setOffset((o) => scrollAfter(o, movement, view.maxTop));
    return true;
  });
  const labelWidth = 22;
  return (
    <Box flexDirection="column" width={width}>
      {rows.slice(view.top, view.top + view.visible).map((row, i) =>
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
