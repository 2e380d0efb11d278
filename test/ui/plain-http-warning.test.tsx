import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLoopbackHost, plainHttpKeyWarning } from '../../src/api/index.js';
import { connectCommand } from '../../src/cli/connect.js';
import { emptyConfig, type Config } from '../../src/config/index.js';
import { Session } from '../../src/core/session.js';
import { tempDir } from '../support/batch-files.js';
import { fakeClient, renderApp } from '../support/ui.js';

// A key that goes over plain http:// to a host off this machine can be read on the way: the user
// is told once a host, in the console where it opens, and on stderr by a command.

const key = 'sk-lan-0123456789abcdef';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

describe('which hosts are warned about', () => {
  it('loopback in every spelling is not; a LAN host over http:// with a key is; https:// or no key is not', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1', 'LOCALHOST.'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.5', '192.168.1.2', 'gpu-box.lan', '128.0.0.1', 'localhost.example.com', '[fd00::2]'])
      expect(isLoopbackHost(host)).toBe(false);
    expect(plainHttpKeyWarning('http://[::ffff:127.0.0.1]:8080/v1', key)).toBeNull();
    expect(plainHttpKeyWarning('http://10.0.0.5:8080/v1', key)).toBe(
      'Key sent unencrypted to 10.0.0.5:8080 (plain http://): readable on the way — use https://',
    );
    expect(plainHttpKeyWarning('https://10.0.0.5:8080/v1', key)).toBeNull();
    expect(plainHttpKeyWarning('http://10.0.0.5:8080/v1', null)).toBeNull();
    expect(plainHttpKeyWarning('http://127.0.0.1:8080/v1', key)).toBeNull();
  });
});

describe('in the console', () => {
  function open(config: Config): Session {
    const session = new Session({
      store: null,
      config,
      flags: {},
      env: {},
      createClient: (connection) => fakeClient({ baseURL: connection.baseURL }),
    });
    cleanups.push(() => session.dispose());
    session.connect();
    return session;
  }

  it('says it once a host: on the list where the console opens, gone at the next key, not again for that host', async () => {
    const config: Config = {
      ...emptyConfig(),
      activeProfile: 'lan',
      profiles: [
        { name: 'lan', baseURL: 'http://10.0.0.5:8080/v1', apiKey: key },
        { name: 'local', baseURL: 'http://127.0.0.1:9/v1', apiKey: key },
        { name: 'other', baseURL: 'http://gpu-box.lan/v1', apiKey: key },
      ],
    };
    const session = open(config);
    const ui = renderApp(session);
    cleanups.push(() => ui.unmount());
    await ui.waitForFrame('No batch jobs yet');
    let frame = await ui.waitForFrame('(plain http://)');
    expect(frame).toContain(
      '⚠ Key sent unencrypted to 10.0.0.5:8080 (plain http://): readable on the way — use https://',
    );
    await ui.press('j');
    await ui.waitForFrame((f) => !f.includes('plain http://'));

    // Loopback says nothing; back on the LAN host nothing again; a new host is warned about.
    session.useProfile('local');
    expect(await ui.waitForFrame('local @ 127.0.0.1:9')).not.toContain('plain http://');
    session.useProfile('lan');
    frame = await ui.waitForFrame('lan @ 10.0.0.5:8080');
    expect(frame).not.toContain('plain http://');
    session.useProfile('other');
    await ui.waitForFrame('Key sent unencrypted to gpu-box.lan (plain http://)');
  });
});

describe('a scriptable command', () => {
  it('writes the warning to stderr before it sends anything; not for loopback', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const dir = tempDir();
    connectCommand({}, { FIZZ_CONFIG_DIR: dir, FIZZ_API_KEY: key, FIZZ_BASE_URL: 'http://10.0.0.5:8080/v1' });
    expect(written.join('')).toContain('fizz-batch: warning: Key sent unencrypted to 10.0.0.5:8080 (plain http://)');
    written.length = 0;
    connectCommand({}, { FIZZ_CONFIG_DIR: dir, FIZZ_API_KEY: key, FIZZ_BASE_URL: 'http://127.0.0.1:8080/v1' });
    expect(written.join('')).not.toContain('plain http://');
  });
});
