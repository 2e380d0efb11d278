import { Text } from 'ink';
import { wrapText } from '../../format/wrap.js';
import { useBodySize } from '../../state/layout.js';
import { ConfirmDialog } from '../../kit/ConfirmDialog.js';

/**
 * ctrl-c while a file is on its way: quit only when the user says so. The default is to stay;
 * a second ctrl-c quits (the app's), as a terminal user expects.
 */
export type QuitStage = 'uploading' | 'creating' | { uploaded: string };

export function UploadQuitDialog({
  stage,
  onQuit,
  onStay,
}: {
  stage: QuitStage;
  onQuit: () => void;
  onStay: () => void;
}) {
  const { width } = useBodySize();
  const boxWidth = Math.max(30, Math.min(64, width - 2));
  const [title, why] =
    stage === 'uploading'
      ? [
          'An upload is running. Quit?',
          'Quitting cancels the upload: the server keeps no file and no batch is created.',
        ]
      : stage === 'creating'
        ? [
            'The batch is being created. Quit?',
            'The create request is out: the batch may exist without the console showing it (it will be in the list next time).',
          ]
        : [
            'The file is uploaded. Quit?',
            `Quitting creates no batch; the file ${stage.uploaded} stays on the server. Staying creates the batch now.`,
          ];
  return (
    <ConfirmDialog title={title} width={boxWidth} yes="quit" no="keep going" onConfirm={onQuit} onClose={onStay}>
      {wrapText(why, boxWidth - 4, 3).map((row) => (
        <Text key={row} wrap="truncate-end">
          {row}
        </Text>
      ))}
    </ConfirmDialog>
  );
}
