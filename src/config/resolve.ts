import { defaultBaseURL } from './presets.js';
import type { Config, Profile } from './schema.js';

export interface ConnectionFlags {
  profile?: string;
  baseURL?: string;
  refreshSeconds?: number;
}

export interface ConnectionEnv {
  FIZZ_API_KEY?: string;
  FIZZ_BASE_URL?: string;
  FIZZ_PROFILE?: string;
}

export type BaseURLSource = 'flag' | 'env' | 'profile' | 'default';
export type KeySource = 'env' | 'profile' | 'none';

export interface Connection {
  profile: Profile | null;
  baseURL: string;
  apiKey: string | null;
  baseURLSource: BaseURLSource;
  keySource: KeySource;
  /**
   * Set when a key exists but was withheld because it belongs to another host, in words for the
   * screen: "FIZZ_API_KEY is for api.fizz.ai; not sent to 127.0.0.1:8080 — set FIZZ_BASE_URL".
   */
  keyWithheldReason: string | null;
  /** The same in a few words, for the header: "FIZZ_API_KEY is for api.fizz.ai". */
  keyWithheldShort: string | null;
  /** FIZZ_API_KEY is set (whether or not it is the key sent here). */
  envKeySet: boolean;
  refreshSeconds: number;
}

export const defaultRefreshSeconds = 15;

export type ResolveResult = { ok: true; connection: Connection } | { ok: false; error: string };

/**
 * Which server to talk to and with which key: flags > FIZZ_* environment > active profile.
 * A key is only ever sent to the host it was paired with, so an exported fizz.ai key never leaks
 * to another provider named on the command line.
 */
export function resolveConnection(config: Config, flags: ConnectionFlags, env: ConnectionEnv): ResolveResult {
  const profileName = flags.profile ?? nonEmpty(env.FIZZ_PROFILE) ?? config.activeProfile ?? undefined;
  let profile: Profile | null = null;
  if (profileName !== undefined) {
    profile = config.profiles.find((p) => p.name === profileName) ?? null;
    if (!profile) {
      const origin =
        flags.profile !== undefined
          ? '--profile'
          : nonEmpty(env.FIZZ_PROFILE) !== undefined
            ? 'FIZZ_PROFILE'
            : 'the config file';
      return { ok: false, error: unknownProfile(config, profileName, origin) };
    }
  }

  const envBaseURL = nonEmpty(env.FIZZ_BASE_URL);
  let baseURL: string;
  let baseURLSource: BaseURLSource;
  if (flags.baseURL !== undefined) [baseURL, baseURLSource] = [flags.baseURL, 'flag'];
  else if (envBaseURL !== undefined) [baseURL, baseURLSource] = [envBaseURL, 'env'];
  else if (profile) [baseURL, baseURLSource] = [profile.baseURL, 'profile'];
  else [baseURL, baseURLSource] = [defaultBaseURL, 'default'];

  const invalid = checkBaseURL(baseURL);
  if (invalid) return { ok: false, error: `${invalid} (from ${describeSource(baseURLSource)}).` };

  // Each key goes only to the host it is paired with. A profile's stored key pairs with the
  // profile's own base URL and wins there; FIZZ_API_KEY pairs with FIZZ_BASE_URL when that is set,
  // else with fizz.ai — never with another profile's host, which it was not exported for.
  const envKey = nonEmpty(env.FIZZ_API_KEY);
  const envKeyURL = envBaseURL ?? defaultBaseURL;
  let apiKey: string | null = null;
  let keySource: KeySource = 'none';
  let keyWithheldReason: string | null = null;
  let keyWithheldShort: string | null = null;
  if (profile?.apiKey && sameHost(profile.baseURL, baseURL)) {
    [apiKey, keySource] = [profile.apiKey, 'profile'];
  } else if (envKey !== undefined && sameHost(envKeyURL, baseURL)) {
    [apiKey, keySource] = [envKey, 'env'];
  } else {
    const withheld = [
      ...(envKey !== undefined
        ? [
            {
              short: `FIZZ_API_KEY is for ${hostOf(envKeyURL)}`,
              hint: envBaseURL === undefined ? ' — set FIZZ_BASE_URL' : '',
            },
          ]
        : []),
      ...(profile?.apiKey
        ? [{ short: `the key of profile '${profile.name}' is for ${hostOf(profile.baseURL)}`, hint: '' }]
        : []),
    ];
    if (withheld.length > 0) {
      keyWithheldReason = withheld.map((w) => `${w.short}; not sent to ${hostOf(baseURL)}${w.hint}`).join('; ');
      keyWithheldShort = withheld[0]!.short;
    }
  }

  return {
    ok: true,
    connection: {
      profile,
      baseURL,
      apiKey,
      baseURLSource,
      keySource,
      keyWithheldReason,
      keyWithheldShort,
      envKeySet: envKey !== undefined,
      refreshSeconds: flags.refreshSeconds ?? profile?.refreshSeconds ?? defaultRefreshSeconds,
    },
  };
}

/**
 * "no profile named 'nope'; profiles: a, b": one line, for stderr as for the setup screen. Where
 * the name came from is said unless the user has just typed it (--profile).
 */
export function unknownProfile(
  config: Config,
  name: string,
  origin: '--profile' | 'FIZZ_PROFILE' | 'the config file',
): string {
  const known = config.profiles.map((p) => p.name).join(', ');
  const from = origin === '--profile' ? '' : ` (from ${origin})`;
  return `no profile named '${name}'${from}; ${known ? `profiles: ${known}` : 'there are no profiles yet'}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function sameHost(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host;
  } catch {
    return false;
  }
}

function checkBaseURL(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `'${url}' is not an http:// or https:// URL`;
  return null;
}

function describeSource(source: BaseURLSource): string {
  return { flag: '--base-url', env: 'FIZZ_BASE_URL', profile: 'the profile', default: 'the default' }[source];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
