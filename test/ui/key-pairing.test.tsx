import { afterEach, describe, expect, it } from 'vitest';
import {
  emptyConfig,
  type Config,
  type ConnectionEnv,
  type ConnectionFlags,
  type Profile,
} from '../../src/config/index.js';
import { Session } from '../../src/core/session.js';
import { sendJson, startStub, type Stub } from '../api/stub.js';
import { renderApp } from '../support/ui.js';
import { untilState } from '../support/wait.js';

// Two servers that record every request: which key reaches which host is counted, not assumed.

const envKey = 'sk-env-0123456789ABCDEF';
const keyOfA = 'sk-aaaa-0123456789ABCDEF';
const keyOfB = 'sk-bbbb-0123456789ABCDEF';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `requireKey`: answers 401 to any other key, as a provider does. */
async function server(requireKey?: string): Promise<Stub> {
  const stub = await startStub((req, res) => {
    if (requireKey && req.headers.authorization !== `Bearer ${requireKey}`)
      sendJson(res, 401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    else if (req.url?.startsWith('/v1/models')) sendJson(res, 200, { object: 'list', data: [] });
    else sendJson(res, 200, { object: 'list', data: [], has_more: false });
  });
  cleanups.push(() => stub.close());
  return stub;
}

/** The keys each request to `stub` carried, by the Authorization header. */
const keysSeen = (stub: Stub) =>
  stub.requests.map((r) => String(r.headers.authorization ?? '').replace(/^Bearer /, ''));

async function connect(
  profiles: Profile[],
  active: string | null,
  env: ConnectionEnv,
  flags: ConnectionFlags = {},
): Promise<Session> {
  const config: Config = { ...emptyConfig(), profiles, activeProfile: active };
  const session = new Session({ store: null, config, flags, env });
  cleanups.push(() => session.dispose());
  session.connect();
  const jobs = session.getState().services!.jobs;
  // The first job list request has been answered (or refused): the key has gone where it goes.
  await untilState(jobs, (s) => s.poll.updatedAt !== null || s.poll.error !== null);
  return session;
}

describe('FIZZ_API_KEY goes only where it is paired', () => {
  it('--profile other never sends the environment key to the profile host; the header says why in words', async () => {
    const b = await server(keyOfB);
    const profiles: Profile[] = [
      { name: 'work', baseURL: 'https://api.fizz.ai/v1', apiKey: 'sk-work-0123456789ABCDEF' },
      { name: 'other', baseURL: b.baseURL },
    ];
    const session = await connect(profiles, 'work', { FIZZ_API_KEY: envKey }, { profile: 'other' });
    expect(b.requests.length).toBeGreaterThan(0);
    expect(keysSeen(b)).not.toContain(envKey);
    const host = new URL(b.baseURL).host;
    expect(session.getState().services!.connection.keyWithheldReason).toBe(
      `FIZZ_API_KEY is for api.fizz.ai; not sent to ${host} — set FIZZ_BASE_URL`,
    );

    const ui = renderApp(session);
    cleanups.push(() => ui.unmount());
    // The header in a few words; the server's 401 with the whole reason and what to do.
    const frame = await ui.waitForFrame('No key was sent');
    expect(frame.split('\n')[0]).toContain('other (no key: FIZZ_API_KEY is for');
    expect(frame.split('\n')[0]).not.toContain('(no key)');
    expect(frame).toContain(
      `No key was sent: FIZZ_API_KEY is for api.fizz.ai; not sent to ${host} — set FIZZ_BASE_URL.`,
    );
  });

  it("a profile's stored key wins for its own host", async () => {
    const b = await server();
    await connect([{ name: 'b', baseURL: b.baseURL, apiKey: keyOfB }], 'b', { FIZZ_API_KEY: envKey }, { profile: 'b' });
    expect(b.requests.length).toBeGreaterThan(0);
    expect(new Set(keysSeen(b))).toEqual(new Set([keyOfB]));
  });

  it('FIZZ_API_KEY with FIZZ_BASE_URL goes to that host only; a profile of another host gets nothing', async () => {
    const a = await server();
    const b = await server();
    await connect([{ name: 'b', baseURL: b.baseURL, apiKey: keyOfB }], 'b', {
      FIZZ_API_KEY: envKey,
      FIZZ_BASE_URL: a.baseURL,
    });
    expect(a.requests.length).toBeGreaterThan(0);
    expect(new Set(keysSeen(a))).toEqual(new Set([envKey]));
    expect(b.requests).toHaveLength(0);
  });

  it('with FIZZ_BASE_URL on the host of a profile with its own key, that key is sent, never the environment one', async () => {
    const a = await server();
    const b = await server();
    await connect(
      [
        { name: 'a', baseURL: a.baseURL, apiKey: keyOfA },
        { name: 'b', baseURL: b.baseURL, apiKey: keyOfB },
      ],
      'a',
      { FIZZ_API_KEY: envKey, FIZZ_BASE_URL: a.baseURL },
    );
    expect(new Set(keysSeen(a))).toEqual(new Set([keyOfA]));
    expect(b.requests).toHaveLength(0);
  });
});
