import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalSession } from '../../../../src/core/results/session/open.js';
import type { ResultsSession } from '../../../../src/core/results/session/session.js';
import { Viewer } from '../../../../src/ui/app/run-view.js';
import { ThemeProvider } from '../../../../src/ui/theme/context.js';
import { monoTheme } from '../../../../src/ui/theme/theme.js';
import { tempDir, writeJsonl } from '../../../support/batch-files.js';
import { expiredLine, inputLine, outputLine } from '../../../support/results-lines.js';
import { placesIn } from '../../../support/places.js';
import { settle } from '../../../support/ui.js';

let session: ResultsSession | undefined;
afterEach(async () => {
  await session?.dispose();
  session = undefined;
});

async function until(frame: () => string, check: (f: string) => boolean): Promise<string> {
  for (let i = 0; i < 500; i++) {
    await settle();
    if (check(frame())) return frame();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never got there; last frame:\n${frame()}`);
}

describe('fizz-batch view: the pager alone', () => {
  it('opens a local file joined with --input, in the console frame; q quits', async () => {
    const dir = tempDir('fizz-viewer-');
    const output = writeJsonl(dir, 'batch_1_output.jsonl', [outputLine('b', 'Second answer'), expiredLine('a')]);
    const input = writeJsonl(dir, 'input.jsonl', [
      inputLine('a', 'First question?'),
      inputLine('b', 'Second question?'),
    ]);
    session = await openLocalSession(output, { inputPath: input, places: placesIn(dir) });
    const exit = vi.fn();
    const ui = render(
      <ThemeProvider theme={monoTheme}>
        <Viewer session={session} title={`view ${join(dir, 'batch_1_output.jsonl')}`} exit={exit} />
      </ThemeProvider>,
    );
    const frame = await until(
      () => ui.lastFrame() ?? '',
      (f) => f.includes('user: Second question?') && f.includes('input joined'),
    );
    const rows = frame.split('\n');
    expect(rows[0]).toMatch(/^fizz-batch · view .*batch_1_output\.jsonl/);
    expect(rows[1]).toMatch(/^batch_1_output\.jsonl · output\s+line 1 of 2$/);
    expect(frame).toMatch(/^1 {2}b · 200/m);
    expect(frame).toMatch(/^2 {2}a · ✗ batch_expired$/m);
    // The footer: the pager's keys and q quit; none of the console's (no models, profiles, files).
    const footer = rows.at(-1)!;
    expect(footer).toMatch(/q quit$/);
    expect(footer).not.toMatch(/models|profiles|files/);
    ui.stdin.write('j');
    await until(
      () => ui.lastFrame() ?? '',
      (f) => /line 2 of 2$/m.test(f),
    );
    expect(exit).not.toHaveBeenCalled();
    ui.stdin.write('q');
    await settle();
    expect(exit).toHaveBeenCalledTimes(1);
    ui.unmount();
  });
});
