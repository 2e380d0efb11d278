import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Model } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { MODELS } from '../../../../src/server/index.js';
import { ModelsScreen } from '../../../../src/ui/features/models/ModelsScreen.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { fakeSession, keys, renderUi, serverSession } from '../../../support/ui.js';

describe('ModelsScreen', () => {
  let server: TestServer | undefined;
  let session: Session | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.close();
    server = undefined;
  });

  it("lists the server's models with owner and created date", async () => {
    server = await startTestServer();
    session = serverSession(server.url);
    const ui = renderUi(<ModelsScreen />, { session, scope: 'models' });
    const frame = await ui.waitForFrame(`${MODELS.length} models from 127.0.0.1`);
    for (const model of MODELS) expect(frame).toContain(model.id);
    const created = new Date(1731283200 * 1000);
    const day = `${created.getFullYear()}-${String(created.getMonth() + 1).padStart(2, '0')}-${String(created.getDate()).padStart(2, '0')}`;
    expect(frame).toMatch(new RegExp(`fizzai/Meta-Llama-3\\.1-8B-Instruct-Turbo\\s+fizzai\\s+${day}`));
    expect(frame).toMatch(/^ {2}model\s+owned by\s+created$/m); // column titles in lower case, as in every list
    // Sorted by id; the cursor starts on the first.
    expect(frame).toMatch(/› deepseek-ai\/DeepSeek-R1 /);
  });

  it('shows the error, then recovers with r when the server is back', async () => {
    server = await startTestServer();
    const port = server.port;
    session = serverSession(server.url);
    await server.close();
    server = undefined;
    const ui = renderUi(<ModelsScreen />, { session, scope: 'models' });
    let frame = await ui.waitForFrame('r retries');
    expect(frame).toMatch(/✗ .*127\.0\.0\.1/);
    expect(frame).not.toMatch(/at .*\.js|Error:/);

    server = await startTestServer({ port });
    await ui.press('r');
    frame = await ui.waitForFrame(`${MODELS.length} models from`);
    expect(frame).not.toContain('✗');
  });

  it('keeps the last list on screen, marked stale, when a refresh fails', async () => {
    const models: Model[] = [{ id: 'model-a', createdAt: null, ownedBy: null }];
    const listModels = vi
      .fn<() => Promise<Model[]>>()
      .mockResolvedValueOnce(models)
      .mockRejectedValueOnce(
        new ApiError({ kind: 'server', status: 503, message: 'The server answered 503 Service Unavailable.' }),
      )
      .mockResolvedValue([...models, { id: 'model-b', createdAt: 1_700_000_000, ownedBy: 'me' }]);
    session = fakeSession({ listModels });
    const ui = renderUi(<ModelsScreen />, { session, scope: 'models' });
    let frame = await ui.waitForFrame('1 model from');
    // Missing owner and date are dashes, never "undefined" or "Invalid Date".
    expect(frame).toMatch(/model-a\s+—\s+—/);
    await ui.press('r');
    frame = await ui.waitForFrame('✗ stale: The server answered 503');
    expect(frame).toContain('model-a');
    await ui.press('r');
    frame = await ui.waitForFrame('2 models from');
    expect(frame).toContain('model-b');
    for (const f of ui.frames) expect(f).not.toMatch(/undefined|NaN|Invalid Date/);
  });

  it('scrolls a long list, rendering only the rows that fit', async () => {
    const many: Model[] = Array.from({ length: 200 }, (_, i) => ({
      id: `model-${String(i).padStart(3, '0')}`,
      createdAt: 1_700_000_000,
      ownedBy: 'org',
    }));
    session = fakeSession({ listModels: async () => many });
    const ui = renderUi(<ModelsScreen />, { session, scope: 'models', body: { width: 60, height: 12 } });
    let frame = await ui.waitForFrame('200 models');
    const rows = () =>
      ui
        .frame()
        .split('\n')
        .filter((l) => /model-\d{3}/.test(l));
    expect(rows()).toHaveLength(10);
    expect(frame).toContain('› model-000');
    await ui.press(keys.pageDown);
    await ui.waitForFrame('› model-010');
    await ui.press('G');
    frame = await ui.waitForFrame('› model-199');
    expect(rows()).toHaveLength(10);
    expect(frame).not.toContain('model-189');
    await ui.press(keys.up);
    frame = await ui.waitForFrame('› model-198');
    expect(frame).toContain('model-199'); // no jump: the window moves only when it must
    await ui.press('g');
    await ui.waitForFrame('› model-000');
    await ui.press(keys.down + keys.down + keys.down); // together, as over a slow link
    await ui.waitForFrame('› model-003');
    for (const line of ui.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    // q is not the screen's: it goes to the app, which goes back.
    await ui.press('q');
    expect(ui.onCommand).toHaveBeenCalledWith('back', expect.anything());
  });
});
