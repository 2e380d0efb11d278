import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAllConsoles, launchConsole } from '../support/pty.js';
import { startTestServer, type TestServer } from '../support/server.js';

// `fizz-batch list` on a terminal is for people: a table with a header, fitted to the width, status
// words with their symbols, local times. (Piped, it is tab-separated: test/e2e/scripting.test.ts.)

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demoData: true });
});
afterEach(async () => {
  await disposeAllConsoles();
});
afterAll(async () => {
  await server.close();
});

describe('fizz-batch list on a terminal', () => {
  it.each([
    // Narrow: the description and the model go first, then the time; the id stays whole.
    { cols: 80, header: /^ID +STATUS +DONE +FAILED$/, row: /^batch_\w{32} {2}(?:▸|↻|✓|✗|!|⊘) [a-z ]+ +\d+\/\d+ +\d+$/ },
    {
      cols: 120,
      header: /^ID +STATUS +DONE +FAILED +CREATED +MODEL +DESCRIPTION$/,
      row: /^batch_\w{32} {2}(?:▸|↻|✓|✗|!|⊘) [a-z ]+ +\d+\/\d+ +\d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}\S/,
    },
  ])('$cols columns: a table that fits, header first, ids whole', async ({ cols, header, row }) => {
    const c = launchConsole({ args: ['list', '--base-url', server.url, '--limit', '5'], cols, rows: 20 });
    const done = await c.exit;
    expect(done.exitCode).toBe(0);
    const lines = c.lines().filter((line) => line !== '');
    expect(lines[0]).toMatch(header);
    expect(lines).toHaveLength(6);
    for (const line of lines.slice(1)) expect(line).toMatch(row);
    expect(c.frameProblems().filter((p) => !p.startsWith('the last row'))).toEqual([]);
  });
});
