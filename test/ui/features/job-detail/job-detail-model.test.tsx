import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src/core/session.js';
import { JobDetailScreen } from '../../../../src/ui/features/job-detail/JobDetailScreen.js';
import { chatRequest } from '../../../support/batch-files.js';
import { sdkFor, startTestServer, type TestServer } from '../../../support/server.js';
import { renderUi, serverSession } from '../../../support/ui.js';

// The built-in server (fizz flavour) takes a file naming several models and then sends no
// `model`: the detail says the server names none instead of dropping the row or showing one of them.

let server: TestServer;
let session: Session | undefined;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());
afterEach(() => session?.dispose());

describe('the model of a job', () => {
  it('says the server names no model for a file with several', async () => {
    const sdk = sdkFor(server);
    const models = [
      'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
      'fizzai/Meta-Llama-3.3-70B-Instruct-Turbo',
      'deepseek-ai/DeepSeek-R1',
    ];
    const lines = models.map((model, i) => chatRequest(`r${i}`, `Question ${i}?`, { model }));
    const file = await sdk.files.create({
      file: new File([lines.map((l) => JSON.stringify(l)).join('\n')], 'three-models.jsonl'),
      purpose: 'batch',
    });
    const batch = await sdk.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    session = serverSession(server.url);
    const ui = renderUi(<JobDetailScreen id={batch.id} intervalMs={200} />, {
      session,
      body: { width: 100, height: 30 },
    });
    const frame = await ui.waitForFrame(/Model\s+— not named by the server/);
    expect(frame).not.toContain('Meta-Llama');
    ui.unmount();
  });
});
