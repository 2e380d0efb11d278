import { afterEach, describe, expect, it } from 'vitest';
import { Pager, type Batch, type Page } from '../../../src/api/index.js';
import { StateStore, emptyConfig } from '../../../src/config/index.js';
import { Session } from '../../../src/core/session.js';
import { routeOpenedBy, routes } from '../../../src/ui/app/routes.js';
import { questions, tempDir, writeJsonl } from '../../support/batch-files.js';
import { fakeClient, fakeSession, keys, makeBatch, renderApp } from '../../support/ui.js';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function track(session: Session): Session {
  sessions.push(session);
  return session;
}

describe('the route table', () => {
  it('gives every route a screen, a key scope and a title', () => {
    for (const spec of Object.values(routes)) {
      expect(typeof spec.screen).toBe('function');
      expect(spec.scope).toBeTruthy();
      expect(spec.title).toBeTruthy();
    }
  });

  it('opens models and files by their keys only with a connection; profiles always', () => {
    expect(routeOpenedBy('models', true)).toEqual({ name: 'models' });
    expect(routeOpenedBy('files', true)).toEqual({ name: 'files' });
    expect(routeOpenedBy('models', false)).toBeNull();
    expect(routeOpenedBy('files', false)).toBeNull();
    expect(routeOpenedBy('profiles', false)).toEqual({ name: 'profiles' });
    expect(routeOpenedBy('refresh', true)).toBeNull();
  });

  it('names the screen in the header as the table says, and q comes back', async () => {
    const app = renderApp(track(fakeSession({ listModels: async () => [] })));
    await app.waitForFrame('fizz-batch · Jobs');
    await app.press('m');
    await app.waitForFrame('fizz-batch · Models');
    await app.press('q');
    await app.waitForFrame('fizz-batch · Jobs');
    await app.press('p');
    await app.waitForFrame('fizz-batch · Profiles');
  });
});

describe('? opens the help of whatever holds the keys', () => {
  it("on the new batch's report: the report's keys, not the picker's", async () => {
    const dir = tempDir('fizz-routes-');
    writeJsonl(dir, 'good.jsonl', questions(2));
    const state = StateStore.inMemory();
    state.remember('host:127.0.0.1:9', { pickerDir: dir });
    const session = track(
      new Session({
        store: null,
        config: emptyConfig(),
        flags: { baseURL: 'http://127.0.0.1:9/v1' },
        env: {},
        state,
        createClient: () => fakeClient({}),
      }),
    );
    session.connect();
    const app = renderApp(session);
    await app.waitForFrame('No batch jobs yet');
    await app.press('n');
    await app.waitForFrame('good.jsonl');
    await app.press(keys.enter);
    await app.waitForFrame(/no errors|No problems found/);
    await app.press('?');
    const help = await app.waitForFrame('Keys on the New batch screen');
    expect(help).toContain('continue to the form');
    expect(help).not.toContain('go up one directory');
  });
});

describe('screen memory lives on the route entry', () => {
  it('a filter outlives a screen pushed over the list, and not a new connection', async () => {
    const jobs = [
      makeBatch({ id: 'batch_alpha', metadata: { description: 'alpha' } }),
      makeBatch({ id: 'batch_beta' }),
    ];
    const page = async (): Promise<Page<Batch>> => ({ items: jobs, hasMore: false, nextCursor: null });
    const session = track(
      fakeSession({
        listBatches: page,
        batchPager: () => new Pager<Batch>(page),
        listModels: async () => [],
      }),
    );
    const app = renderApp(session);
    await app.waitForFrame('2 jobs');
    await app.press('/');
    await app.press('alpha');
    await app.press(keys.enter);
    await app.waitForFrame('filter: "alpha"');
    await app.press('m');
    await app.waitForFrame('fizz-batch · Models');
    await app.press('q');
    await app.waitForFrame((f) => f.includes('fizz-batch · Jobs') && f.includes('filter: "alpha"'));
    // Another connection: the stack starts over, and with it the list's memory.
    session.connect();
    await app.waitForFrame((f) => f.includes('2 jobs') && !f.includes('filter: "alpha"'));
  });
});
