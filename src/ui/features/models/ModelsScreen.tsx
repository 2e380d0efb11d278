import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { plural } from '../../../api/index.js';
import { hostOf } from '../../../config/index.js';
import type { ModelsService } from '../../../core/models.js';
import { ModelRow, modelColumns } from './ModelRow.js';
import { StatusLine } from '../../kit/StatusLine.js';
import { useModels } from './useModels.js';
import { cursorAfter, followCursor } from '../../kit/listCursor.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useServices } from '../../state/services-context.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import { keyLabel } from '../../keys/keymap.js';

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
  const total = state.models?.length ?? null;
  // The status line and the column heading take two lines; the rows get the rest.
  const visible = Math.max(1, height - 2);
  const [cursor, setCursor] = useState(0);
  const [offset, setOffset] = useState(0);
  const selected = Math.min(cursor, Math.max(0, list.length - 1));
  const start = followCursor(offset, selected, list.length, visible);

  // Keys that arrive together are handled before the next render: move from the newest position.
  const live = useRef({ selected, start });
  live.current = { selected, start };

  useCommands('models', (command) => {
    if (command === 'refresh') {
      void models.load();
      return true;
    }
    const from = live.current;
    const next = cursorAfter(command, from.selected, list.length, visible);
    if (next === null) return false;
    const top = followCursor(from.start, next, list.length, visible);
    live.current = { selected: next, start: top };
    setCursor(next);
    setOffset(top);
    return true;
  });

  const columns = modelColumns(width);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <StatusLine
        loading={state.loading}
        loadingText={total === null ? `Loading models from ${host}…` : 'Refreshing…'}
        error={state.error}
        retryKey={keyLabel('refresh', 'models')}
        errorPrefix={total === null ? '' : 'stale: '}
        summary={
          total === null
            ? null
            : `${plural(total, 'model', { grouped: true })} from ${host} · ${keyLabel('refresh', 'models')} refreshes`
        }
      />
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
