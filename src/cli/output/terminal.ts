/** Standard output's width when it is a terminal; null when it is piped or redirected (plain output). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | null {
  return stream.isTTY ? stream.columns || 80 : null;
}
