import { Box, Text } from 'ink';
import { footerBindings, type Scope, type Unavailable } from '../keys/keymap.js';
import { useTheme } from '../theme/context.js';

/** While typing, letters go to the text field; only these keys mean something else. */
const textBindings: Array<{ label: string; hint: string; footer?: number }> = [
  { label: 'enter', hint: 'apply' },
  { label: 'esc', hint: 'cancel' },
  { label: 'ctrl-c', hint: 'quit', footer: 31 },
];

/** The keys that do something here now, from the keymap table, as many as fit the width. */
export function Footer({
  scope,
  width,
  note,
  unavailable,
}: {
  scope: Scope | 'text';
  width: number;
  note?: string;
  unavailable?: Unavailable;
}) {
  const theme = useTheme();
  const available = scope === 'text' ? textBindings : footerBindings(scope, unavailable);
  // Help and the way out are always shown; the screen's own keys fill the space left.
  const reserved = available.filter((b) => (b.footer ?? 0) >= 30);
  const cost = (b: { label: string; hint: string }) => b.label.length + 1 + b.hint.length + 2;
  let used = (note ? note.length + 3 : 0) + reserved.reduce((sum, b) => sum + cost(b), 0);
  const parts: Array<{ label: string; hint: string }> = [];
  for (const binding of available) {
    if (reserved.includes(binding)) continue;
    if (used + cost(binding) > width) break;
    parts.push(binding);
    used += cost(binding);
  }
  parts.push(...reserved);
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        {parts.map((part, i) => (
          <Text key={part.label + part.hint}>
            {i > 0 ? '  ' : ''}
            <Text bold color={theme.accent}>
              {part.label}
            </Text>
            <Text color={theme.muted}> {part.hint}</Text>
          </Text>
        ))}
        {note ? (
          <Text color={theme.warning}>
            {parts.length ? '   ' : ''}
            {note}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
