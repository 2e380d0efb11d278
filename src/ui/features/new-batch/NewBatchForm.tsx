import { Box, Text } from 'ink';
import { useState } from 'react';
import { basename } from 'node:path';
import { plural } from '../../../api/index.js';
import { descriptionProblem } from '../../../core/batch-options.js';
import type { NewBatchForm as FormValues, Notice } from '../../../core/new-batch/state.js';
import type { NewBatchService } from '../../../core/new-batch/service.js';
import type { ValidationReport } from '../../../core/validate/index.js';
import { formatBytes } from '../../format/numbers.js';
import { useFormFocus } from '../../kit/useFormFocus.js';
import { useCommands } from '../../keys/dispatcher.js';
import { useBodySize } from '../../state/layout.js';
import { useTheme } from '../../theme/context.js';
import { printable } from '../../kit/DetailLines.js';
import { TextField } from '../../kit/TextField.js';
import { FieldRow } from '../../kit/FieldRow.js';
import { SelectMenu } from '../../kit/SelectMenu.js';
import { keyLabel } from '../../keys/keymap.js';
import { NoticeLine } from '../../kit/NoticeLine.js';

type Row = 'window' | 'description' | 'upload' | 'back';
/** Marker, the longest label ("Description"), the error mark. */
const labelWidth = 17;
// A Back button besides esc: tmux delays a lone esc, so it is never the only way back.
const rowOrder: readonly Row[] = ['window', 'description', 'upload', 'back'];

export interface NewBatchFormProps {
  report: ValidationReport;
  form: FormValues;
  completionWindows: readonly string[];
  notice: Notice | null;
  service: NewBatchService;
}

/** The form's enter: the next field, or the button it is on. */
const enter = keyLabel('fieldEnter', 'newBatchForm');

/**
 * Step 3 of a new batch: the endpoint (the file's, shown), the completion window (the profile's
 * list, ←→) and an optional description, stored as the batch's metadata. The values live in the
 * service, so they are still there after a cancelled upload.
 */
export function NewBatchForm({ report, form, completionWindows, notice, service }: NewBatchFormProps) {
  const theme = useTheme();
  const { width, height } = useBodySize();
  const { row, liveRow, hasFocus, navigate } = useFormFocus(rowOrder, {
    initial: 'description',
    buttons: { upload: () => service.submit(), back: () => service.back() },
  });
  // The window's list (space on the field) is open: it takes the keys and the lines below the field.
  const [menuOpen, setMenuOpen] = useState(false);
  const chooseWindow = (step: 1 | -1) => {
    const at = Math.max(0, completionWindows.indexOf(service.getState().form.completionWindow));
    service.setForm({
      completionWindow: completionWindows[(at + step + completionWindows.length) % completionWindows.length]!,
    });
  };

  useCommands(
    'newBatchForm',
    (command) => {
      if (navigate(command)) return true;
      switch (command) {
        case 'optionNext':
        case 'optionPrev':
          if (liveRow() === 'window') chooseWindow(command === 'optionNext' ? 1 : -1);
          break;
        case 'openMenu':
          if (liveRow() === 'window' && completionWindows.length > 1) setMenuOpen(true);
          break;
        case 'back':
          service.back();
          break;
        default:
          break;
      }
      return true;
      // ←→ only where there is a choice to make: on the window field, with more than one window.
    },
    true,
    row === 'window' && completionWindows.length > 1 ? [] : ['optionNext', 'optionPrev', 'openMenu'],
  );

  const valueWidth = Math.max(16, Math.min(60, width - labelWidth - 1));
  const tooLong = descriptionProblem(form.description);
  const roomy = height >= 9;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{printable(basename(report.path))}</Text>
        <Text
          color={theme.muted}
        >{` · ${plural(report.requests, 'request', { grouped: true })} · ${formatBytes(report.bytes)}`}</Text>
        {report.warningCount > 0 ? (
          <Text color={theme.warning}>{` · ! ${plural(report.warningCount, 'warning', { grouped: true })}`}</Text>
        ) : null}
      </Text>
      {roomy ? <Text> </Text> : null}
      <FieldRow label="Endpoint" focused={false} valueWidth={valueWidth} labelWidth={labelWidth}>
        <Text wrap="truncate-end">
          {report.endpoint ?? '—'}
          <Text color={theme.muted}> (from the file)</Text>
        </Text>
      </FieldRow>
      <FieldRow label="Window" focused={row === 'window'} valueWidth={valueWidth} labelWidth={labelWidth}>
        <WindowChooser windows={completionWindows} chosen={form.completionWindow} focused={row === 'window'} />
      </FieldRow>
      {menuOpen ? (
        <SelectMenu
          choices={completionWindows.map((w) => ({ value: w, label: w }))}
          value={form.completionWindow}
          // Under the file line, a spacer, the endpoint and the window.
          height={Math.max(1, height - (roomy ? 4 : 3))}
          width={width}
          onChoose={(completionWindow) => {
            setMenuOpen(false);
            service.setForm({ completionWindow });
          }}
          onClose={() => setMenuOpen(false)}
        />
      ) : (
        <>
          <FieldRow
            label="Description"
            focused={row === 'description'}
            error={tooLong !== null}
            valueWidth={valueWidth}
            labelWidth={labelWidth}
          >
            <TextField
              value={form.description}
              onChange={(description) => service.setForm({ description })}
              focus={row === 'description'}
              hasFocus={hasFocus('description')}
              width={valueWidth}
              placeholder="optional; stored as metadata.description"
            />
          </FieldRow>
          {roomy ? <Text> </Text> : null}
          <Text wrap="truncate-end">
            <Text bold={row === 'upload'} color={row === 'upload' ? theme.accent : undefined}>
              {row === 'upload' ? '› [ Upload and create the batch ]' : '  [ Upload and create the batch ]'}
            </Text>
            <Text bold={row === 'back'} color={row === 'back' ? theme.accent : undefined}>
              {row === 'back' ? '  › [ Back ]' : '    [ Back ]'}
            </Text>
          </Text>
          <NoticeLine
            notice={
              notice ??
              (tooLong
                ? { text: `✗ ${tooLong}`, tone: 'danger' }
                : {
                    text:
                      row === 'upload'
                        ? `${enter} uploads the file, then creates the batch.`
                        : row === 'back'
                          ? `${enter} goes back to the report; nothing is uploaded.`
                          : `${enter}: next field · ${keyLabel('back', 'newBatchForm')}: back to the report`,
                    tone: 'muted',
                  })
            }
          />
        </>
      )}
    </Box>
  );
}

/** The profile's windows, the chosen one in brackets (and bold), so it shows without colour. */
function WindowChooser({ windows, chosen, focused }: { windows: readonly string[]; chosen: string; focused: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {windows.map((w) =>
        w === chosen ? (
          <Text key={w} bold color={focused ? theme.accent : undefined}>
            [{w}]
          </Text>
        ) : (
          <Text key={w} color={theme.muted}>
            {` ${w} `}
          </Text>
        ),
      )}
      {focused && windows.length > 1 ? <Text color={theme.muted}> ←→ space</Text> : null}
    </Text>
  );
}
