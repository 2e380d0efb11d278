import { afterEach, describe, expect, it } from 'vitest';
import { collectAll, createBatchClient, Pager, pages, type Page } from '../../src/api/index.js';
import { sendJson, startStub, type Stub } from './stub.js';

const item = (id: string) => ({
  id,
  object: 'batch',
  endpoint: '/v1/chat/completions',
  input_file_id: 'f',
  completion_window: '24h',
  status: 'completed',
  created_at: 1,
});

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

type Item = { id: string };
const page = (ids: string[], hasMore: boolean): Page<Item> => ({
  items: ids.map((id) => ({ id })),
  hasMore,
  nextCursor: hasMore ? (ids[ids.length - 1] ?? null) : null,
});

describe('pagination against servers', () => {
  it('terminates against a server that ignores `after` and always says has_more', async () => {
    stub = await startStub((_req, res) =>
      sendJson(res, 200, { object: 'list', data: [item('a'), item('b')], has_more: true, first_id: 'a', last_id: 'b' }),
    );
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k', maxRetries: 0 });
    const all = await collectAll((after) => client.listBatches({ ...(after ? { after } : {}), limit: 2 }));
    expect(all.map((b) => b.id)).toEqual(['a', 'b']);
    expect(stub.requests.map((r) => r.url)).toEqual(['/v1/batches?limit=2', '/v1/batches?after=b&limit=2']);
  });

  it('follows the last id through a well-behaved server until has_more is false', async () => {
    const ids = ['b5', 'b4', 'b3', 'b2', 'b1'];
    stub = await startStub((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      const after = url.searchParams.get('after');
      const start = after ? ids.indexOf(after) + 1 : 0;
      const slice = ids.slice(start, start + 2);
      sendJson(res, 200, { object: 'list', data: slice.map(item), has_more: start + 2 < ids.length });
    });
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k', maxRetries: 0 });
    const pager = client.batchPager({ limit: 2 });
    const seen: string[][] = [];
    for (let items = await pager.next(); items !== null; items = await pager.next()) seen.push(items.map((b) => b.id));
    expect(seen).toEqual([['b5', 'b4'], ['b3', 'b2'], ['b1']]);
    expect(pager.stopReason).toBe('end');
    expect(stub.requests).toHaveLength(3);
  });
});

describe('stop conditions', () => {
  it('stops on an empty page even if has_more is true', async () => {
    const responses = [page(['a'], true), { items: [], hasMore: true, nextCursor: null }];
    const gen = pages(async () => responses.shift() ?? page([], false));
    const seen: string[] = [];
    let r = await gen.next();
    while (!r.done) {
      seen.push(...r.value.map((i) => i.id));
      r = await gen.next();
    }
    expect(seen).toEqual(['a']);
    expect(r.value).toBe('empty');
  });

  it('stops at the page cap against an endless server', async () => {
    let n = 0;
    const pager = new Pager<Item>(async () => page([`id${n++}`], true), { maxPages: 5 });
    const all: Item[] = [];
    for (let items = await pager.next(); items !== null; items = await pager.next()) all.push(...items);
    expect(all).toHaveLength(5);
    expect(n).toBe(5);
    expect(pager.stopReason).toBe('max_pages');
  });

  it('stops when a page overlaps ids already seen, keeping only the new ones', async () => {
    const responses = [page(['a', 'b'], true), page(['c', 'a'], true), page(['d'], false)];
    const all = await collectAll(async () => responses.shift() ?? page([], false));
    expect(all.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('passes the starting cursor and reports `repeat`', async () => {
    const afters: (string | undefined)[] = [];
    const pager = new Pager<Item>(
      async (after) => {
        afters.push(after);
        return page(['x'], true);
      },
      { after: 'start' },
    );
    expect(await pager.next()).toEqual([{ id: 'x' }]);
    expect(await pager.next()).toEqual([]);
    expect(await pager.next()).toBeNull();
    expect(afters).toEqual(['start', 'x']);
    expect(pager.stopReason).toBe('repeat');
  });
});
