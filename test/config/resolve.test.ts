import { describe, expect, it } from 'vitest';
import { emptyConfig, resolveConnection, type Config } from '../../src/config/index.js';

const config: Config = {
  ...emptyConfig(),
  activeProfile: 'work',
  profiles: [
    { name: 'work', baseURL: 'https://api.fizz.ai/v1', apiKey: 'sk-work-1111' },
    { name: 'oai', baseURL: 'https://api.openai.com/v1', apiKey: 'sk-oai-2222', refreshSeconds: 30 },
    { name: 'local', baseURL: 'http://127.0.0.1:8080/v1' },
  ],
};

function resolve(flags = {}, env = {}, cfg = config) {
  const result = resolveConnection(cfg, flags, env);
  if (!result.ok) throw new Error(result.error);
  return result.connection;
}

describe('resolveConnection', () => {
  it('uses the active profile when nothing else is said', () => {
    expect(resolve()).toMatchObject({
      baseURL: 'https://api.fizz.ai/v1',
      apiKey: 'sk-work-1111',
      keySource: 'profile',
      baseURLSource: 'profile',
      refreshSeconds: 15,
    });
  });

  it('flags beat the environment, which beats the profile', () => {
    expect(resolve({ profile: 'oai' }, { FIZZ_PROFILE: 'local' })).toMatchObject({
      baseURL: 'https://api.openai.com/v1',
      apiKey: 'sk-oai-2222',
      refreshSeconds: 30,
    });
    expect(resolve({}, { FIZZ_PROFILE: 'oai' }).profile?.name).toBe('oai');
    expect(resolve({}, { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1', FIZZ_API_KEY: 'sk-env-3333' })).toMatchObject({
      baseURL: 'http://127.0.0.1:9/v1',
      baseURLSource: 'env',
      apiKey: 'sk-env-3333',
      keySource: 'env',
    });
    expect(resolve({ baseURL: 'http://127.0.0.1:7/v1' }, { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1' })).toMatchObject({
      baseURL: 'http://127.0.0.1:7/v1',
      baseURLSource: 'flag',
    });
    expect(resolve({ refreshSeconds: 3 }, {}).refreshSeconds).toBe(3);
  });

  it('pairs FIZZ_API_KEY without FIZZ_BASE_URL with fizz.ai only, and says so where it is withheld', () => {
    expect(resolve({}, { FIZZ_API_KEY: 'sk-env-3333' }, emptyConfig())).toMatchObject({
      baseURL: 'https://api.fizz.ai/v1',
      apiKey: 'sk-env-3333',
      keySource: 'env',
      baseURLSource: 'default',
    });
    // Another profile's host never gets it: the profile was not what the key was exported for.
    expect(resolve({ profile: 'local' }, { FIZZ_API_KEY: 'sk-env-3333' })).toMatchObject({
      apiKey: null,
      keySource: 'none',
      keyWithheldReason: 'FIZZ_API_KEY is for api.fizz.ai; not sent to 127.0.0.1:8080 — set FIZZ_BASE_URL',
      keyWithheldShort: 'FIZZ_API_KEY is for api.fizz.ai',
    });
    expect(
      resolve({ profile: 'local' }, { FIZZ_API_KEY: 'sk-env-3333', FIZZ_BASE_URL: 'http://127.0.0.1:8080/v1' }),
    ).toMatchObject({ apiKey: 'sk-env-3333', keySource: 'env' });
    // A profile of fizz.ai without a key of its own takes it.
    const keyless: Config = {
      ...config,
      profiles: [{ name: 'plain', baseURL: 'https://api.fizz.ai/v1' }],
      activeProfile: 'plain',
    };
    expect(resolve({}, { FIZZ_API_KEY: 'sk-env-3333' }, keyless)).toMatchObject({
      apiKey: 'sk-env-3333',
      keySource: 'env',
    });
  });

  it("a profile's stored key wins for its own host", () => {
    expect(resolve({}, { FIZZ_API_KEY: 'sk-env-3333' })).toMatchObject({
      apiKey: 'sk-work-1111',
      keySource: 'profile',
      envKeySet: true,
    });
    expect(resolve({ profile: 'oai' }, { FIZZ_API_KEY: 'sk-env-3333' })).toMatchObject({
      apiKey: 'sk-oai-2222',
      keySource: 'profile',
    });
    expect(
      resolve({ profile: 'oai' }, { FIZZ_API_KEY: 'sk-env-3333', FIZZ_BASE_URL: 'https://api.openai.com/v1' }),
    ).toMatchObject({ apiKey: 'sk-oai-2222', keySource: 'profile' });
  });

  it('never sends a key to a host it was not paired with', () => {
    const elsewhere = resolve({ baseURL: 'https://api.groq.com/openai/v1' }, { FIZZ_API_KEY: 'sk-env-3333' });
    expect(elsewhere.apiKey).toBeNull();
    expect(elsewhere.keySource).toBe('none');
    expect(elsewhere.keyWithheldReason).toContain('api.groq.com');
    expect(elsewhere.keyWithheldReason).not.toContain('sk-env');
    // A profile's key stays with its own host when --base-url points elsewhere.
    expect(resolve({ profile: 'oai', baseURL: 'http://127.0.0.1:1/v1' }).apiKey).toBeNull();
    // FIZZ_BASE_URL pairs the key with that host only.
    expect(
      resolve(
        { baseURL: 'https://api.fizz.ai/v1' },
        { FIZZ_BASE_URL: 'http://127.0.0.1:9/v1', FIZZ_API_KEY: 'sk-env-3333' },
      ).keySource,
    ).toBe('profile');
  });

  it('explains an unknown profile and a bad URL', () => {
    expect(resolveConnection(config, { profile: 'nope' }, {})).toEqual({
      ok: false,
      error: "no profile named 'nope'; profiles: work, oai, local",
    });
    // Not typed on this command line: where the name came from is said.
    expect(resolveConnection(config, {}, { FIZZ_PROFILE: 'gone' })).toEqual({
      ok: false,
      error: "no profile named 'gone' (from FIZZ_PROFILE); profiles: work, oai, local",
    });
    expect(resolveConnection({ ...config, profiles: [] }, { profile: 'nope' }, {})).toEqual({
      ok: false,
      error: "no profile named 'nope'; there are no profiles yet",
    });
    expect(resolveConnection(config, { baseURL: 'api.fizz.ai' }, {})).toEqual({
      ok: false,
      error: "'api.fizz.ai' is not a URL (from --base-url).",
    });
  });
});
