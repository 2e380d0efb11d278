import { basename } from 'node:path';

/**
 * The name an upload is stored and listed under. It is kept as sent, whatever its script or
 * emoji, with two changes: only its last path segment (a name is not a path), and every control
 * character (C0, DEL, C1: tab, newline, ESC, the terminal's own escape introducers) replaced by
 * `_`. The API echoes the name to every client, and a control character in it is never part of a
 * real file's name but is a way to reach a terminal or a log.
 */
export function storedFilename(sent: string): string {
  const name = basename(Array.from(sent, (c) => (isControl(c.charCodeAt(0)) ? '_' : c)).join(''));
  return name === '' || name === '.' || name === '..' ? 'upload' : name;
}

/** C0 (below space), DEL and C1 (U+0080–U+009F). */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
