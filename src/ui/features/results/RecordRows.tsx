import { Box, Text } from 'ink';
import { useTheme } from '../../theme/context.js';
import type { Theme } from '../../theme/theme.js';
import type { Row, Segment } from './RecordLayout.js';

/** The pager's rows on screen: each exactly one terminal row (cut at the edge, never wrapped). */
export function RecordRows({ rows, width, firstKey }: { rows: readonly Row[]; width: number; firstKey: string }) {
  const theme = useTheme();
  return (
    <>
      {rows.map((row, i) => (
        <Box key={`${firstKey}-${i}`} width={width} height={1} overflow="hidden">
          {row.kind === 'line' ? (
            <Segments segments={row.segments} theme={theme} />
          ) : (
            <>
              <Box width={row.split} flexShrink={0} overflow="hidden">
                <Segments segments={row.left} theme={theme} />
              </Box>
              <Text color={theme.border}>│</Text>
              <Box flexGrow={1} overflow="hidden">
                <Segments segments={row.right} theme={theme} />
              </Box>
            </>
          )}
        </Box>
      ))}
    </>
  );
}

function Segments({ segments, theme }: { segments: readonly Segment[]; theme: Theme }) {
  if (segments.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {segments.map((segment, i) => (
        <Text
          key={i}
          color={segment.match ? theme.match : segment.tone ? theme[segment.tone] : undefined}
          bold={segment.bold ?? false}
          inverse={segment.match ?? false}
        >
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
