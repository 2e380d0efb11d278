import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { FieldInput } from './FieldInput.js';

/**
 * An API key field: one • per character and the length beside it, so a paste can be checked
 * ("51 characters") without the key ever being drawn. Whitespace is dropped as it arrives.
 */
export function MaskedInput({
  value,
  onChange,
  focus,
  hasFocus,
  width,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  focus: boolean;
  hasFocus?: () => boolean;
  width: number;
  placeholder?: string;
}) {
  const theme = useTheme();
  const count = value.length > 0 ? ` ${value.length} chars` : '';
  const dots = Math.max(4, width - count.length);
  return (
    <Box width={width}>
      <FieldInput
        value={value}
        onChange={onChange}
        focus={focus}
        {...(hasFocus ? { hasFocus } : {})}
        width={dots}
        mask
        noSpaces
        {...(placeholder !== undefined ? { placeholder } : {})}
      />
      {count ? (
        <Text color={theme.muted} wrap="truncate-end">
          {count}
        </Text>
      ) : null}
    </Box>
  );
}
