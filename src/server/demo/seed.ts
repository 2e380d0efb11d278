import { writeFile } from 'node:fs/promises';
import type { Engine } from '../sim/engine.js';
import type { Store } from '../store/store.js';
import { newFileId } from '../ids.js';
import { THIRTY_DAYS_SECONDS } from '../limits.js';
import { DEMO_SCENARIOS } from './scenarios.js';

/**
 * Seeds the demo jobs through the ordinary engine: upload-like file records, then batches
 * created in the past (ages divided by the server's speed, so every status holds at any speed),
 * then one `advance` that validates them and writes the result files of those already finished.
 */
export interface SeedOptions {
  store: Store;
  engine: Engine;
  now: () => number;
  speed: number;
}

const UPLOAD_LEAD_SECONDS = 30;

export async function seedDemoData({ store, engine, now, speed }: SeedOptions): Promise<void> {
  const started = now();
  const ms = (simSeconds: number): number => (simSeconds * 1000) / speed;
  for (const scenario of DEMO_SCENARIOS) {
    const createdMs = Math.round(started - ms(scenario.ageSeconds));
    const uploadedMs = Math.round(createdMs - ms(UPLOAD_LEAD_SECONDS));
    const content = Buffer.from(scenario.content(), 'utf8');
    const fileId = newFileId();
    await writeFile(store.contentPath(fileId), content, { mode: 0o600 });
    store.addFile({
      id: fileId,
      createdMs: uploadedMs,
      bytes: content.length,
      filename: scenario.filename,
      purpose: 'batch',
      expiresAt: Math.floor(uploadedMs / 1000) + THIRTY_DAYS_SECONDS,
    });
    engine.create({
      inputFileId: fileId,
      endpoint: scenario.endpoint ?? '/v1/chat/completions',
      completionWindow: '24h',
      windowSeconds: 86_400,
      metadata: { description: scenario.description },
      outputExpiresAfter: null,
      createdMs,
      ...(scenario.cancelAfterSeconds === undefined
        ? {}
        : { cancelAtMs: Math.round(createdMs + ms(scenario.cancelAfterSeconds)) }),
      ...(scenario.sim ? { sim: scenario.sim } : {}),
    });
  }
  await engine.advance();
}
