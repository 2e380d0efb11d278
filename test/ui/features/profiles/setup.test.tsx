import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore, emptyConfig } from '../../../../src/config/index.js';
import { Session } from '../../../../src/core/session.js';
import { MODELS } from '../../../../src/server/index.js';
import { SetupScreen } from '../../../../src/ui/features/profiles/SetupScreen.js';
import { tempDir } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { keys, renderUi } from '../../../support/ui.js';

const left = '\u001b[D';
const backspace = '\u007f';
const secret = 'sk-test-0123456789abcdefSECRET';

describe('SetupScreen', () => {
  let server: TestServer | undefined;
  let session: Session | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.close();
    server = undefined;
  });

  function setup(body = { width: 100, height: 27 }) {
    const dir = tempDir();
    const store = new ConfigStore({ dir });
    session = new Session({ store, config: emptyConfig(), flags: {}, env: {} });
    session.connect();
    const ui = renderUi(<SetupScreen />, { session, body, scope: 'profiles' });
    return { ...ui, store, dir, session };
  }

  /** From the name field: a custom provider at `url`, the key typed in one chunk (as a paste arrives). */
  async function fillCustom(ui: ReturnType<typeof setup>, name: string, url: string, key: string) {
    await ui.waitForFrame('› Name');
    for (let i = 0; i < 4; i++) await ui.press(backspace);
    await ui.press(name);
    await ui.press(keys.tab);
    await ui.press(left); // fizz.ai → Custom (the list wraps)
    await ui.waitForFrame('[Custom]');
    await ui.press(keys.tab);
    await ui.press(url);
    await ui.press(keys.tab);
    await ui.press(key);
    await ui.press(keys.tab);
  }

  it('welcomes, says where the key goes, and offers the demo', async () => {
    const ui = setup();
    const frame = await ui.waitForFrame('Welcome to fizz-batch');
    expect(frame).toContain('only you can read');
    expect(frame).toContain(ui.store.path);
    expect(frame).toContain('fizz-batch --demo');
    expect(frame).toContain('https://api.fizz.ai/v1');
    expect(frame).toContain('[ Test connection ]');
  });

  it('saves the profile to a 0600 file, connects, and never shows the key', async () => {
    server = await startTestServer();
    const ui = setup();
    await fillCustom(ui, 'local', server.url, secret);
    const frame = await ui.waitForFrame('› Refresh');
    expect(frame).toContain(`${secret.length} chars`);
    expect(frame).toContain('•'.repeat(secret.length));

    await ui.press('5');
    await ui.press(keys.tab); // Test connection
    await ui.press(keys.enter);
    await ui.waitForFrame(`✓ ${MODELS.length} models`);
    await ui.press(keys.tab); // Save
    await ui.press(keys.enter);
    await ui.waitForFrame(() => ui.session.getState().services !== null);

    const services = ui.session.getState().services!;
    expect(services.connection.baseURL).toBe(server.url);
    expect(services.connection.apiKey).toBe(secret);
    expect(services.connection.refreshSeconds).toBe(5);
    const file = readFileSync(ui.store.path, 'utf8');
    expect(JSON.parse(file)).toMatchObject({
      activeProfile: 'local',
      profiles: [{ name: 'local', baseURL: server.url, apiKey: secret, refreshSeconds: 5 }],
    });
    expect(statSync(ui.store.path).mode & 0o777).toBe(0o600);
    expect(statSync(ui.dir).mode & 0o777).toBe(0o700);
    for (const f of ui.frames) expect(f).not.toContain(secret);
  });

  it('takes a pasted key, bracketed or not, without the newline it brings along', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    for (let i = 0; i < 3; i++) await ui.press(keys.tab);
    await ui.waitForFrame('› API key');
    await ui.press('\u001b[200~sk-pasted-abcdef123456\n\u001b[201~');
    await ui.waitForFrame('22 chars');
    await ui.press(' more-789\r');
    // The space and the carriage return are dropped; the rest is appended.
    const frame = await ui.waitForFrame('30 chars');
    expect(frame).toContain('› API key');
    await ui.press(keys.tab);
    await ui.waitForFrame('› Refresh');
    for (const f of ui.frames) expect(f).not.toMatch(/pasted|more-789/);
  });

  it('handles keys that arrive together, as over a slow link, in order', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    await ui.press('\t' + left + '\t'); // next, previous provider, next: one chunk
    let frame = await ui.waitForFrame('› Base URL');
    expect(frame).toContain('[Custom]');
    await ui.press('http://127.0.0.1:9/v1\u001b[B' + secret); // URL, down, key: one chunk
    frame = await ui.waitForFrame(`${secret.length} chars`);
    expect(frame).toMatch(/Base URL\s+http:\/\/127\.0\.0\.1:9\/v1\s/);
    expect(frame).toContain('› API key');
    await ui.press('\u001b[B\u001b[B\u001b[B'); // three fields down at once: Save
    await ui.waitForFrame('› [ Save and connect ]');
    for (const f of ui.frames) expect(f).not.toContain(secret);
  });

  it('shows the auth error of a wrong key without the key', async () => {
    server = await startTestServer({ apiKey: 'sk-right-key-000000000000' });
    const ui = setup();
    await fillCustom(ui, 'guarded', server.url, secret);
    await ui.press(keys.tab); // Test connection
    await ui.press(keys.enter);
    const frame = await ui.waitForFrame('refused the API key');
    expect(frame).toContain('✗');
    expect(frame).toContain('401');
    for (const f of ui.frames) expect(f).not.toContain(secret);
  });

  it('checks the fields with the config schema and saves nothing while one is wrong', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    await ui.press(' bad');
    await ui.press(keys.tab); // leaving the field shows its problem
    let frame = await ui.waitForFrame('Name: a profile name uses letters, digits, dot, dash and underscore only');
    expect(frame).toMatch(/Name\s+✗ fizz bad\s+a profile name uses/);
    await ui.press(keys.tab);
    for (let i = 0; i < 30; i++) await ui.press(backspace);
    await ui.press('ftp://example.com');
    for (let i = 0; i < 4; i++) await ui.press(keys.tab); // → Save
    await ui.waitForFrame('› [ Save and connect ]');
    await ui.press(keys.enter);
    // Save moves to the first field that is wrong and names the problem on the message line.
    frame = await ui.waitForFrame('› Name');
    expect(frame).toContain('✗ a profile name uses letters');
    expect(frame).toMatch(/Base URL\s+✗ ftp:\/\/example.com\s+the base URL must be an http/);
    expect(ui.session.getState().services).toBeNull();
    expect(ui.session.getState().config.profiles).toHaveLength(0);
    expect(() => readFileSync(ui.store.path)).toThrow();
  });

  it('esc asks before it quits: n (or esc) keeps what was typed, y quits; nothing is saved', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    await ui.press('x');
    await ui.press(keys.escape);
    await ui.waitForFrame('Quit fizz-batch? y/N');
    expect(ui.exit).not.toHaveBeenCalled();
    await ui.press('n'); // not typed into the name field behind the question
    const frame = await ui.waitForFrame((f) => !f.includes('Quit fizz-batch?'));
    expect(frame).toMatch(/› Name\s+fizzx(?!n)/);
    await ui.press(keys.escape);
    await ui.waitForFrame('Quit fizz-batch? y/N');
    await ui.press(keys.escape); // esc again: the default, stay
    await ui.waitForFrame((f) => !f.includes('Quit fizz-batch?'));
    await ui.press(keys.escape);
    await ui.waitForFrame('Quit fizz-batch? y/N');
    await ui.press('y');
    expect(ui.exit).toHaveBeenCalledTimes(1);
    expect(ui.frame()).toMatch(/› Name\s+fizzx(?!n)/);
    expect(() => readFileSync(ui.store.path)).toThrow();
  });

  it('tabs typed fast arrive in one chunk and still move one field each', async () => {
    const ui = setup();
    await ui.waitForFrame('› Name');
    await ui.press('\t\t\t');
    await ui.waitForFrame('› API key');
    await ui.press('\u001b[Z'); // shift-tab: back one
    await ui.waitForFrame('› Base URL');
  });

  it('fits 60×15: the form and the essentials of the welcome', async () => {
    const ui = setup({ width: 60, height: 12 });
    const frame = await ui.waitForFrame('› Name');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(frame).toContain('[ Save and connect ]');
    expect(frame).toContain('only you can read');
  });
});
