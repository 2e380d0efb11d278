import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useRef, useState } from 'react';
import { useCommands } from '../keys/dispatcher.js';
import { useTheme } from '../theme/context.js';

export interface MenuChoice {
  value: string;
  label: string;
}

/**
 * The open list of a pick-one field (provider preset, completion window, endpoint), drawn by
 * ink-select-input under the field it belongs to. The form mounts it on space and unmounts it on
 * onChoose or onClose.
 *
 * Its keys come through the dispatcher ('menu' scope in keymap.ts), so the footer and the help list
 * them and a modal opened over the list takes them instead. ink-select-input's own key handler is
 * kept off (isFocused={false}): it reads the highlighted row from its last render, so "↓⏎" arriving
 * in one chunk (typed fast, over SSH) would choose the row highlighted before the ↓. Here the
 * highlight lives in a ref that every key reads, and the list is drawn from it (initialIndex, a
 * new key per move).
 */
export function SelectMenu({
  choices,
  value,
  height,
  width,
  onChoose,
  onClose,
}: {
  choices: readonly MenuChoice[];
  /** The value chosen now: highlighted when the list opens, and marked. */
  value: string;
  /** Lines the list may use; a longer list scrolls, the highlighted row kept in view. */
  height: number;
  width: number;
  onChoose: (value: string) => void;
  onClose: () => void;
}) {
  const [highlight, setHighlight] = useState(() =>
    Math.max(
      0,
      choices.findIndex((c) => c.value === value),
    ),
  );
  const live = useRef(highlight);
  const moveTo = (index: number) => {
    const count = choices.length;
    // Round at either end, as the field's ←→ do; g and G (Infinity) stop at the ends.
    const next = Number.isFinite(index) ? ((index % count) + count) % count : count - 1;
    live.current = next;
    setHighlight(next);
  };

  useCommands('menu', (command) => {
    switch (command) {
      case 'down':
        moveTo(live.current + 1);
        break;
      case 'up':
        moveTo(live.current - 1);
        break;
      case 'top':
        moveTo(0);
        break;
      case 'bottom':
        moveTo(Infinity);
        break;
      case 'choose': {
        const chosen = choices[live.current];
        if (chosen) onChoose(chosen.value);
        break;
      }
      case 'back':
        onClose();
        break;
      default:
        break;
    }
    // Every other key of the scope is the list's: nothing under it acts while it is open.
    return command !== 'forceQuit';
  });

  const rows = Math.max(1, Math.min(choices.length, height));
  const items = choices.map((c) => ({
    key: c.value,
    value: c.value,
    label: c.value === value ? `${c.label} ✓` : c.label,
  }));
  return (
    <Box width={width} flexDirection="column">
      <SelectInput
        key={highlight}
        items={items}
        initialIndex={highlight}
        {...(rows < choices.length ? { limit: rows } : {})}
        isFocused={false}
        indicatorComponent={Pointer}
        itemComponent={Choice}
      />
    </Box>
  );
}

function Pointer({ isSelected = false }: { isSelected?: boolean }) {
  const theme = useTheme();
  return (
    <Text bold color={theme.accent}>
      {isSelected ? '  ▸ ' : '    '}
    </Text>
  );
}

/** The highlighted row is bold as well as coloured: it shows without colour too. */
function Choice({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  const theme = useTheme();
  return (
    <Text bold={isSelected} color={isSelected ? theme.accent : undefined} wrap="truncate-end">
      {label}
    </Text>
  );
}
