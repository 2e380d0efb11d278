import { Text } from 'ink';
import type { Batch } from '../../api/index.js';
import { padWidth, takeWidth } from '../format/fit.js';
import { useTheme } from '../theme/context.js';
import { jobLook } from '../theme/job-look.js';

/** A job's status word and symbol in its colour (see jobLook), cut and padded to `width` when given. */
export function StatusText({ job, width, inverse = false }: { job: Batch; width?: number; inverse?: boolean }) {
  const theme = useTheme();
  const look = jobLook(job, width);
  const text = `${look.symbol} ${look.label}`;
  return (
    <Text color={theme[look.tone]} inverse={inverse} wrap="truncate-end">
      {width ? takeWidth(padWidth(text, width), width) : text}
    </Text>
  );
}
