import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/batch-files.js';
import { disposeAllConsoles, launchConsole } from '../support/pty.js';

afterEach(async () => {
  await disposeAllConsoles();
});

describe('--profile naming no profile, in a real terminal', () => {
  it('is one line on stderr listing the profiles, exit 2: no screen is drawn and no stack shown', async () => {
    const configDir = tempDir('fizz-profile-flag-');
    const profiles = [
      { name: 'a', baseURL: 'http://127.0.0.1:9/v1' },
      { name: 'b', baseURL: 'http://127.0.0.1:9/v1' },
    ];
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ version: 1, activeProfile: 'a', profiles }));
    const c = launchConsole({ args: ['--profile', 'nope'], configDir });
    const { exitCode } = await c.exit;
    expect(exitCode).toBe(2);
    const output = c.raw().toString('utf8');
    expect(output.trim()).toBe("fizz-batch: no profile named 'nope'; profiles: a, b");
    expect(output).not.toContain('\u001b[?1049h'); // the alternate screen was never entered
  });
});
