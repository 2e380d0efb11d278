import { ConfigError, ConfigStore, defaultStateDir, emptyConfig, StateStore, unknownProfile, type Config, type ConnectionEnv, type ConnectionFlags } from '../config/index.js';
import { Session } from '../core/session.js';

export interface SessionRequest {
  flags: ConnectionFlags;
  env: ConnectionEnv & { FIZZ_CONFIG_DIR?: string };
  /** The demo: a server of our own, nothing read from or written to the user's config. */
  demo?: { baseURL: string };
}

/**
 * Reads the config and connects, which sends the first job list request. This module loads no
 * UI, so the request is on its way while Ink and React are still loading.
 */
export function openSession(request: SessionRequest): { ok: true; session: Session; config: Config } | { ok: false; message: string } {
  let store: ConfigStore | null = null;
  let config: Config = emptyConfig();
  if (!request.demo) {
    try {
      store = new ConfigStore(request.env.FIZZ_CONFIG_DIR ? { dir: request.env.FIZZ_CONFIG_DIR } : {});
      config = store.load();
    } catch (error) {
      return { ok: false, message: error instanceof ConfigError ? error.message : String(error) };
    }
  }
  const session = new Session({
    store,
    config,
    // The demo remembers places for its own run only: nothing of it lands in the user's home.
    state: request.demo ? StateStore.inMemory() : StateStore.inDirectory(defaultStateDir()),
    flags: request.demo ? { ...request.flags, baseURL: request.demo.baseURL } : request.flags,
    env: request.demo ? {} : request.env,
    // The demo's server behaves as fizz.ai does: several models in one file are fine there.
    // Deleting the last profile in the demo goes back to the demo's server, not to setup.
    ...(request.demo ? { label: 'demo', modelsPerFile: 'several' as const, home: { baseURL: request.demo.baseURL } } : {}),
  });
  session.connect();
  return { ok: true, session, config };
}

/**
 * `--profile NAME` naming no profile: the one-line message, else null. Checked before anything is
 * drawn or sent, so a typo is an error on stderr (exit 2), not a setup screen. A config that cannot
 * be read is left to openSession, which says why.
 */
export function unknownProfileFlag(request: SessionRequest): string | null {
  const name = request.flags.profile;
  if (name === undefined) return null;
  let config = emptyConfig();
  if (!request.demo) {
    try {
      config = new ConfigStore(request.env.FIZZ_CONFIG_DIR ? { dir: request.env.FIZZ_CONFIG_DIR } : {}).load();
    } catch {
      return null;
    }
  }
  return config.profiles.some((p) => p.name === name) ? null : unknownProfile(config, name, '--profile');
}
