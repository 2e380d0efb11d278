import { ConfigError, ConfigStore, defaultStateDir, emptyConfig, StateStore, type Config, type ConnectionEnv, type ConnectionFlags } from '../config/index.js';
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
    ...(request.demo ? { label: 'demo', modelsPerFile: 'several' as const } : {}),
  });
  session.connect();
  return { ok: true, session, config };
}
