import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { hostOf } from '../../../config/index.js';
import type { ModelsService } from '../../../core/models.js';
import { ModelRow, modelColumns } from './ModelRow.js';
import { Spinner } from '../../kit/Spinner.js';
import { errorMessage } from '../../format/errors.js';
import { count } from '../../format/numbers.js';
import { moveCursor, useModels } from './useModels.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useServices } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';

/** Models (`m`): what GET /v1/models lists, asked for when the screen opens; `r` asks again. */
export function ModelsScreen() {
  const services = useServices();
  if (!services) return <Text>Not connected yet: add a profile first (p).</Text>;
  // A new connection has its own models service: start afresh with it.
  return (
    <ModelsView key={services.connection.baseURL} models={services.models} host={hostOf(services.connection.baseURL)} />
  );
}

function ModelsView({ models, host }: { models: ModelsService; host: string }) {
  const theme = useTheme();
  const state = useModels(models);
  const { width, height } = useBodySize();
  const list = state.models ?? [];
  // The status line and the column heading take two lines; the rows get the rest.
  const visible = Math.max(1, height - 2);
  const [cursor, setCursor] = useState(0);
  const [offset, setOffset] = useState(0);
  const selected = Math.min(cursor, Math.max(0, list.length - 1));
  const start = Math.max(0, Math.min(Math.max(offset, selected - visible + 1), selected, list.length - visible));

  // Keys that arrive together are handled before the next render: move from the newest position.
  const live = useRef({ selected, start });
  live.current = { selected, start };

  useCommands('models', (command) => {
    if (command === 'refresh') {
      void models.load();
      return true;
    }
    const from = live.current;
    const next = moveCursor(command, from.selected, list.length, visible);
    if (next === null) return false;
    // Scroll only as far as needed to keep the cursor in view.
    const top = next < from.start ? next : next >= from.start + visible ? next - visible + 1 : from.start;
    live.current = { selected: next, start: top };
    setCursor(next);
    setOffset(top);
    return true;
  });

  const columns = modelColumns(width);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <StatusLine loading={state.loading} error={state.error} count={state.models?.length ?? null} host={host} />
      <Text color={theme.muted} wrap="truncate-end">
        {'  ' + 'model'.padEnd(columns.id) + ' ' + 'owned by'.padEnd(columns.owner) + ' ' + 'created'}
      </Text>
      {state.models && list.length === 0 ? <Text color={theme.muted}>The provider lists no models.</Text> : null}
      {list.slice(start, start + visible).map((model, i) => (
        <ModelRow key={model.id} model={model} selected={start + i === selected} columns={columns} />
      ))}
    </Box>
  );
}

function StatusLine({
  loading,
  error,
  count: total,
  host,
}: {
  loading: boolean;
  error: unknown;
  count: number | null;
  host: string;
}) {
  const theme = useTheme();
  if (loading) {
    return (
      <Text wrap="truncate-end">
        <Spinner /> {total === null ? `Loading models from ${host}…` : 'Refreshing…'}
      </Text>
    );
  }
  if (error) {
    // The last good list stays below the error, if there was one.
    return (
      <Text color={theme.danger} wrap="truncate-end">
        ✗ {total === null ? '' : 'stale: '}
        {errorMessage(error)} · r retries
      </Text>
    );
  }
  if (total === null) return <Text> </Text>;
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {total === 1 ? '1 model' : `${count(total)} models`} from {host} · r refreshes
    </Text>
  );
}
