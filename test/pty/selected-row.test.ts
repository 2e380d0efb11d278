import { describe, expect, it } from 'vitest';
import { serverForConsoles, launchConsole, type PtyConsole } from '../support/pty.js';

const server = serverForConsoles({ demoData: true });

/** The selected row (the one marked ›): its text, and which of its cells are drawn in inverse video. */
function selectedRow(c: PtyConsole): { text: string; inverse: boolean[] } {
  const buffer = c.term.buffer.active;
  for (let y = 0; y < c.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const text = line?.translateToString(true) ?? '';
    if (!text.startsWith('› ')) continue;
    const inverse = [...text].map((_, x) => Boolean(line?.getCell(x)?.isInverse()));
    return { text, inverse };
  }
  throw new Error(`no selected row\n${c.describe()}`);
}

/** Every cell from the first after the marker to the row's last character is inverse. */
function wholeRowInverse(row: { text: string; inverse: boolean[] }): string {
  return row.inverse
    .slice(2)
    .map((on) => (on ? '#' : '.'))
    .join('');
}

describe('the selected row, in a terminal with colour', () => {
  it('is highlighted whole in the job list and the files list, not only its id', async () => {
    const c = launchConsole({ args: ['--base-url', server().url], color: true, cols: 110, rows: 30 });
    await c.waitForText(/› \S+ .*\d+\/\d+/);
    await c.press('j'); // a running job, with a bar and a failure count
    await c.waitFor('the second job selected', (_, con) => selectedRow(con).text.includes('/'));
    let row = selectedRow(c);
    expect(wholeRowInverse(row), row.text).toBe('#'.repeat(row.text.length - 2));

    await c.press('f');
    await c.waitForText('filename');
    await c.waitFor('a selected file', (screen) => /^› \S+\.jsonl/m.test(screen));
    row = selectedRow(c);
    expect(wholeRowInverse(row), row.text).toBe('#'.repeat(row.text.length - 2));
  });
});
