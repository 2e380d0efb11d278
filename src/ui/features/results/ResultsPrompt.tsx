import { Box, Text } from 'ink';
import { useState } from 'react';
import { useCommands } from '../../keys/dispatcher.js';
import { useTheme } from '../../theme/context.js';
import { FieldInput } from '../../kit/FieldInput.js';

export interface ResultsPromptProps {
  /** What is asked, e.g. '/' (search), 'line: ', 'save to: '. */
  label: string;
  initial?: string;
  placeholder?: string;
  width: number;
  /** enter. */
  onSubmit: (text: string) => void;
  /** esc: nothing happens. */
  onCancel: () => void;
}

/**
 * The pager's one-row input line, at the bottom like less and vim: search text, a line number,
 * a path to save to. While it is open it holds the 'text' scope, so every printable key types
 * (q, j, n are letters here, not commands) and only esc and enter act. A proposed value (the
 * path to save to) starts selected: typing replaces it, a cursor key edits it.
 */
export function ResultsPrompt({ label, initial = '', placeholder, width, onSubmit, onCancel }: ResultsPromptProps) {
  const theme = useTheme();
  const [value, setValue] = useState(initial);
  useCommands('text', (command) => {
    if (command === 'back') onCancel();
  });
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text bold color={theme.accent}>
        {label}
      </Text>
      <FieldInput
        value={value}
        onChange={setValue}
        focus
        width={Math.max(4, width - label.length)}
        onSubmit={onSubmit}
        selected={initial !== ''}
        {...(placeholder ? { placeholder } : {})}
      />
    </Box>
  );
}
