import { Text } from 'ink';
import { useTheme } from '../../theme/context.js';

/** All options when they fit (the chosen one in brackets), else the chosen one between arrows. */
export function Choice({
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
