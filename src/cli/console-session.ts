import {
  ConfigError,
  defaultStateDir,
  emptyConfig,
  openConfig,
  StateStore,
  unknownProfile,
  type Config,
  type ConfigStore,
  type ConnectionEnv,
  type ConnectionFlags,
} from '../config/index.js';
import { Session } from '../core/session.js';

export interface SessionRequest {
  flags: ConnectionFlags;
  env: ConnectionEnv & { FIZZ_CONFIG_DIR?: string };
  /** The demo: a server of our own, nothing read from or written to the user's config. */
  demo?: { baseURL: string };
}

/** `warning`: the config file holds a key other users may read (said once, on screen). */
export type ConfigRead =
  { ok: true; store: ConfigStore | null; config: Config; warning?: string | null } | { ok: false; message: string };

/** The config the console runs on: the user's file, or none at all for the demo. */
export function readConfig(request: SessionRequest): ConfigRead {
  if (request.demo) return { ok: true, store: null, config: emptyConfig() };
  try {
    return { ok: true, ...openConfig(request.env) };
  } catch (error) {
    return { ok: false, message: error instanceof ConfigError ? error.message : String(error) };
  }
}

/**
 * Connects on the config read (read here unless the caller has it), which sends the first job
 * list request. This module loads no UI, so the request is on its way while Ink and React are
 * still loading.
 */
export function openSession(
  request: SessionRequest,
  read: ConfigRead = readConfig(request),
): { ok: true; session: Session; config: Config } | { ok: false; message: string } {
  if (!read.ok) return read;
  const { store, config } = read;
  const session = new Session({
    store,
    config,
    configWarning: read.warning ?? null,
    // The demo remembers places for its own run only: nothing of it lands in the user's home.
    state: request.demo ? StateStore.inMemory() : StateStore.inDirectory(defaultStateDir()),
    flags: request.demo ? { ...request.flags, baseURL: request.demo.baseURL } : request.flags,
    env: request.demo ? {} : request.env,
    // The demo's server behaves as fizz.ai does: several models in one file are fine there.
    // Deleting the last profile in the demo goes back to the demo's server, not to setup.
    ...(request.demo
      ? { label: 'demo', modelsPerFile: 'several' as const, home: { baseURL: request.demo.baseURL } }
      : {}),
  });
  session.connect();
  return { ok: true, session, config };
}

/**
 * `--profile NAME` naming no profile of `config`: the one-line message, else null. Checked before
 * anything is drawn or sent, so a typo is an error on stderr (exit 2), not a setup screen.
 */
export function unknownProfileFlag(flags: ConnectionFlags, config: Config): string | null {
  const name = flags.profile;
  if (name === undefined || config.profiles.some((p) => p.name === name)) return null;
  return unknownProfile(config, name, '--profile');
}
