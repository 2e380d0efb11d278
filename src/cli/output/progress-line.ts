/**
 * One line of progress on standard error, rewritten in place (a terminal only: callers create it
 * when stderr is one). `clear` removes it before anything else is written, so messages and the
 * final word never share a row with it.
 */
export interface ProgressLine {
  show(text: string): void;
  clear(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  let shown = false;
  return {
    show(text) {
      stream.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
