import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createBatchClient, type BatchClient, type Model } from '../../src/api/index.js';
import { ModelsService } from '../../src/core/models.js';
import { NewBatchService } from '../../src/core/new-batch/service.js';
import type { NewBatchState } from '../../src/core/new-batch/state.js';
import { chatRequest, guideModel, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { untilState } from '../support/wait.js';

const servers: TestServer[] = [];
const services: NewBatchService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) s.dispose();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function realClient(): Promise<BatchClient> {
  const server = await startTestServer();
  servers.push(server);
  return createBatchClient({ baseURL: server.url, apiKey: null });
}

/** The real client with its models list replaced. */
function withModels(client: BatchClient, listModels: BatchClient['listModels']): BatchClient {
  return new Proxy(client, {
    get(target, name) {
      if (name === 'listModels') return listModels;
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function flow(client: BatchClient, cwd: string) {
  const created: string[] = [];
  const service = new NewBatchService({
    client,
    cwd,
    models: new ModelsService(client),
    progressIntervalMs: 0,
    onCreated: (b) => created.push(b.id),
  });
  services.push(service);
  return { service, created };
}

const until = (service: NewBatchService, check: (state: NewBatchState) => boolean) => untilState(service, check);

const checked = (s: NewBatchState) => s.modelCheck !== null && s.modelCheck.status !== 'checking';

/** 2 good requests, then 20 on a model no provider offers (first on line 3), 1 more on another. */
function fileWithUnknownModels(dir: string): string {
  return writeJsonl(dir, 'mixed.jsonl', [
    ...questions(2),
    ...Array.from({ length: 20 }, (_, i) => chatRequest(`typo-${i}`, 'hi', { model: 'gpt-5-nanoo' })),
    chatRequest('other', 'hi', { model: 'no/such-model' }),
  ]);
}

describe('the report checks the models against the provider', () => {
  it('warns, before upload, about each model the provider does not offer, with its first line and count', async () => {
    const dir = tempDir('fizz-models-');
    const { service } = flow(await realClient(), dir);
    await service.validate(fileWithUnknownModels(dir));
    const state = await until(service, checked);

    expect(state.modelCheck).toEqual({ status: 'checked', missing: 2 });
    if (state.step.name !== 'report') throw new Error(`expected the report, got ${state.step.name}`);
    const { report } = state.step;
    expect(report.errorCount).toBe(0);
    expect(report.counts.model_not_offered).toBe(2);
    const warnings = report.warnings.filter((w) => w.code === 'model_not_offered');
    expect(warnings.map((w) => [w.line, w.field])).toEqual([
      [3, 'body.model'],
      [23, 'body.model'],
    ]);
    expect(warnings[0]!.message).toMatch(/^model gpt-5-nanoo is not offered by this provider — 20 requests use it/);
    expect(warnings[1]!.message).toMatch(/^model no\/such-model is not offered by this provider — 1 request uses it/);
    // A warning, not a block: enter goes on to the form.
    expect(service.proceed()).toBe(true);
  });

  it('says nothing is missing when every model is offered', async () => {
    const dir = tempDir('fizz-models-');
    const { service } = flow(await realClient(), dir);
    await service.validate(writeJsonl(dir, 'good.jsonl', questions(3)));
    const state = await until(service, checked);
    expect(state.modelCheck).toEqual({ status: 'checked', missing: 0 });
    expect(state.step.name === 'report' && state.step.report.warningCount).toBe(0);
  });

  it('shows the report before the list arrives, and adds the check when it does', async () => {
    const dir = tempDir('fizz-models-');
    let answer: (models: Model[]) => void = () => undefined;
    const client = withModels(await realClient(), () => new Promise<Model[]>((resolve) => (answer = resolve)));
    const { service } = flow(client, dir);
    await service.validate(fileWithUnknownModels(dir));

    const before = service.getState();
    expect(before.step.name).toBe('report');
    expect(before.modelCheck).toEqual({ status: 'checking' });
    expect(before.step.name === 'report' && before.step.report.counts.model_not_offered).toBeUndefined();

    answer([{ id: guideModel, createdAt: null, ownedBy: null }]);
    const after = await until(service, checked);
    expect(after.modelCheck).toEqual({ status: 'checked', missing: 2 });
  });

  it('tells the form when the list arrives after the user went on', async () => {
    const dir = tempDir('fizz-models-');
    let answer: (models: Model[]) => void = () => undefined;
    const client = withModels(await realClient(), () => new Promise<Model[]>((resolve) => (answer = resolve)));
    const { service } = flow(client, dir);
    await service.validate(fileWithUnknownModels(dir));
    expect(service.proceed()).toBe(true);
    answer([{ id: guideModel, createdAt: null, ownedBy: null }]);
    const state = await until(service, checked);
    expect(state.step.name).toBe('form');
    expect(state.step.name === 'form' && state.step.report.counts.model_not_offered).toBe(2);
    expect(state.notice?.text).toMatch(/^2 models of the file are not offered by this provider/);
  });

  it('says once that the models could not be checked when the list fails, and does not block', async () => {
    const dir = tempDir('fizz-models-');
    const notFound = new ApiError({ kind: 'not_found', status: 404, message: 'Not found: GET /v1/models.' });
    const { service } = flow(
      withModels(await realClient(), () => Promise.reject(notFound)),
      dir,
    );
    await service.validate(fileWithUnknownModels(dir));
    const state = await until(service, checked);

    expect(state.modelCheck).toEqual({ status: 'unavailable', reason: 'Not found: GET /v1/models.' });
    expect(state.step.name === 'report' && state.step.report.counts.model_not_offered).toBeUndefined();
    expect(service.proceed()).toBe(true);
  });

  it('takes an empty list for no list: it does not call every model missing', async () => {
    const dir = tempDir('fizz-models-');
    const { service } = flow(
      withModels(await realClient(), () => Promise.resolve([])),
      dir,
    );
    await service.validate(fileWithUnknownModels(dir));
    const state = await until(service, checked);
    expect(state.modelCheck).toEqual({ status: 'unavailable', reason: 'the provider lists no models' });
  });
});
