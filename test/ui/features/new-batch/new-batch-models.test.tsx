import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type Model } from '../../../../src/api/index.js';
import { chatRequest, guideModel, questions, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { fakeSession, keys, renderApp } from '../../../support/ui.js';

const offered: Model[] = [{ id: guideModel, createdAt: null, ownedBy: null }];

describe('the validation report checks the models against the provider', () => {
  const home = process.cwd();
  beforeEach(() => {
    const dir = tempDir('fizz-models-ui-');
    writeJsonl(dir, 'typo.jsonl', [
      ...questions(2),
      ...Array.from({ length: 20 }, (_, i) => chatRequest(`typo-${i}`, 'hi', { model: 'gpt-5-nanoo' })),
    ]);
    process.chdir(dir);
  });
  afterEach(() => process.chdir(home));

  async function openReport(app: ReturnType<typeof renderApp>) {
    await app.waitForFrame('No batch jobs yet', 10_000);
    await app.press('n');
    await app.waitForFrame('typo.jsonl', 10_000);
    await app.press(keys.enter);
  }

  it('warns before upload that a model is not offered, on its first line, with how many requests use it', async () => {
    const session = fakeSession({ listModels: async () => offered });
    const app = renderApp(session);
    await openReport(app);
    const frame = await app.waitForFrame('Model not offered by this provider', 10_000);
    expect(frame).toMatch(/Model check\s+! 1 not offered by this provider — see the warnings/);
    expect(frame).toMatch(
      /line 3 \(body\.model\): model gpt-5-nanoo is not offered by this provider — 20 requests use it/,
    );
    // A warning: the verdict still lets the user go on.
    expect(frame).toMatch(/warnings?, no errors — enter goes on/);
    session.dispose();
    app.unmount();
  });

  it('says once that the models could not be checked when the provider has no /v1/models, and lets the user go on', async () => {
    const session = fakeSession({
      listModels: () =>
        Promise.reject(new ApiError({ kind: 'not_found', status: 404, message: 'Not found: /v1/models.' })),
    });
    const app = renderApp(session);
    await openReport(app);
    const frame = await app.waitForFrame('could not be checked', 10_000);
    expect(frame.match(/could not be checked/g)).toHaveLength(1);
    expect(frame).toMatch(/Model check\s+could not be checked: Not found: \/v1\/models\. — not blocking/);
    expect(frame).not.toContain('Model not offered');
    await app.press(keys.enter);
    await app.waitForFrame('Upload and create', 10_000);
    session.dispose();
    app.unmount();
  });
});
