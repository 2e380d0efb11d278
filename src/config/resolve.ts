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
  /** Set when a key exists but was withheld because it belongs to another host. */
  keyWithheldReason: string | null;
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
      const origin = flags.profile !== undefined ? '--profile' : nonEmpty(env.FIZZ_PROFILE) !== undefined ? 'FIZZ_PROFILE' : 'the config file';
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

  // The environment key pairs with FIZZ_BASE_URL when that is set, else with the fizz.ai default
  // or the chosen profile's host.
  const envKey = nonEmpty(env.FIZZ_API_KEY);
  const envKeyHosts = envBaseURL !== undefined ? [envBaseURL] : [defaultBaseURL, ...(profile ? [profile.baseURL] : [])];
  let apiKey: string | null = null;
  let keySource: KeySource = 'none';
  let keyWithheldReason: string | null = null;
  if (envKey !== undefined && envKeyHosts.some((url) => sameHost(url, baseURL))) {
    [apiKey, keySource] = [envKey, 'env'];
  } else if (profile?.apiKey && sameHost(profile.baseURL, baseURL)) {
    [apiKey, keySource] = [profile.apiKey, 'profile'];
  } else if (envKey !== undefined || profile?.apiKey) {
    keyWithheldReason = `the ${envKey !== undefined ? 'FIZZ_API_KEY' : `key of profile '${profile?.name}'`} belongs to another host, so it is not sent to ${hostOf(baseURL)}`;
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
      refreshSeconds: flags.refreshSeconds ?? profile?.refreshSeconds ?? defaultRefreshSeconds,
    },
  };
}

/**
 * "no profile named 'nope'; profiles: a, b": one line, for stderr as for the setup screen. Where
 * the name came from is said unless the user has just typed it (--profile).
 */
export function unknownProfile(config: Config, name: string, origin: '--profile' | 'FIZZ_PROFILE' | 'the config file'): string {
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
