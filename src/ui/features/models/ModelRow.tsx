import { Text } from 'ink';
import type { Model } from '../../../api/index.js';
import { fitWidth } from '../../format/fit.js';
import { localDateTime } from '../../format/time.js';
import { useTheme } from '../../theme/context.js';

export interface ModelColumns {
  id: number;
  owner: number;
}

/** Widths for a body `width` wide: the id takes what the owner and the date (10) leave. */
export function modelColumns(width: number): ModelColumns {
  const owner = width >= 80 ? 18 : 12;
  return { owner, id: Math.max(12, Math.min(56, width - 2 - owner - 1 - 10 - 1)) };
}

/** One model: id, owned_by, created date (local); missing values shown as —. */
export function ModelRow({ model, selected, columns }: { model: Model; selected: boolean; columns: ModelColumns }) {
  const theme = useTheme();
  const created = localDateTime(model.createdAt).slice(0, 10);
  return (
    <Text wrap="truncate-end" bold={selected} color={selected ? theme.selection : undefined}>
      {selected ? '› ' : '  '}
      {fitWidth(model.id, columns.id)} {fitWidth(model.ownedBy ?? '—', columns.owner)} {created}
    </Text>
  );
}
