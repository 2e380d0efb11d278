import { describe, expect, it } from 'vitest';
import type { NewBatchService } from '../../src/core/new-batch/service.js';
import { NewBatchFlow } from '../../src/core/new-batch/flow.js';

/** Just what the owner looks at: the step, and whether it was started, disposed or given a file. */
function fakeService(step = 'picking') {
  const fake = {
    step,
    started: 0,
    disposed: 0,
    files: [] as string[],
    getState: () => ({ step: { name: fake.step } }),
    start: async () => void (fake.started += 1),
    dispose: () => void (fake.disposed += 1),
    startWithFile: async (path: string) => void fake.files.push(path),
  };
  return fake;
}

function flowWith(made: ReturnType<typeof fakeService>[]) {
  return new NewBatchFlow(() => {
    const service = fakeService();
    made.push(service);
    return service as unknown as NewBatchService;
  });
}

describe('NewBatchFlow: one new-batch flow per connection, owned by its services', () => {
  it('keeps the same flow while its screen comes and goes, and makes a new one after it ended', () => {
    const made: ReturnType<typeof fakeService>[] = [];
    const flow = flowWith(made);
    const first = flow.current();
    expect(flow.current()).toBe(first);
    expect(made).toHaveLength(1);
    expect(made[0]!.started).toBe(1);
    flow.end(first);
    expect(made[0]!.disposed).toBe(1);
    expect(flow.current()).not.toBe(first);
    expect(made).toHaveLength(2);
  });

  it('R gives a prepared file to a fresh flow, replacing a picker, but never an upload under way', () => {
    const made: ReturnType<typeof fakeService>[] = [];
    const flow = flowWith(made);
    flow.current();
    expect(flow.startPrepared('/tmp/failed.jsonl', {})).toBe(true);
    expect(made[0]!.disposed).toBe(1);
    expect(made[1]!.files).toEqual(['/tmp/failed.jsonl']);
    made[1]!.step = 'uploading';
    expect(flow.startPrepared('/tmp/other.jsonl', {})).toBe(false);
    expect(made).toHaveLength(2);
    expect(made[1]!.disposed).toBe(0);
  });

  it('a profile switch ends an idle flow but lets an upload finish on its own server', () => {
    const made: ReturnType<typeof fakeService>[] = [];
    const idle = flowWith(made);
    idle.current();
    idle.dispose();
    expect(made[0]!.disposed).toBe(1);

    const busy = flowWith(made);
    busy.current();
    made[1]!.step = 'creating';
    busy.dispose();
    expect(made[1]!.disposed).toBe(0);
    // The connection is gone: the next screen on it would get a new flow, not the busy one.
    expect(busy.current()).not.toBe(made[1]);
  });
});
