import { useCallback } from 'react';
import type { ResultsSession } from '../../core/results/session/session.js';
import { Header } from './Header.js';
import { ResultsPager } from '../features/results/ResultsPager.js';
import { ScreenFrame } from './ScreenFrame.js';
import type { Command } from '../keys/keymap.js';
import { mountFullScreen } from './mount.js';

export interface ViewerOptions {
  session: ResultsSession;
  /** What the header names (the path as typed). */
  title: string;
  color: boolean;
  altScreen: boolean;
}

/**
 * `fizz-batch view FILE`: the results pager alone, without a profile or a server, in the same
 * frame as the console (header, footer, alternate screen, the terminal given back whatever
 * happens). Resolves with the exit code when it closes.
 */
export function runViewer({ session, title, color, altScreen }: ViewerOptions): Promise<number> {
  return mountFullScreen((exit) => <Viewer session={session} title={title} exit={exit} />, {
    color,
    altScreen,
    onFinish: () => void session.dispose(),
  });
}

/** The console's frame around the pager: q and esc in the pager, and ctrl-c anywhere, end the program. */
export function Viewer({ session, title, exit }: { session: ResultsSession; title: string; exit: () => void }) {
  const onCommand = useCallback(
    (command: Command) => {
      if (command === 'quit' || command === 'forceQuit') exit();
    },
    [exit],
  );
  return (
    <ScreenFrame
      onCommand={onCommand}
      fallbackScope="viewer"
      header={(width) => <Header services={null} title={title} width={width} />}
    >
      <ResultsPager session={session} standalone onLeave={exit} />
    </ScreenFrame>
  );
}
