import { createBatchClient, type BatchClient } from '../api/index.js';
import { modelsPerFileOf, resolveConnection, StateStore, type Config, type ConfigStore, type Connection, type ConnectionEnv, type ConnectionFlags, type Profile } from '../config/index.js';
import { JobListService } from './jobs/job-list.js';
import { ModelsService } from './models.js';
import { Observable } from './observable.js';
import { Places, placesKeyOf } from './places.js';
import type { ModelsPerFile } from './validate/index.js';

/** Everything that talks to one server: replaced as a whole when the user switches profiles. */
export interface Services {
  connection: Connection;
  /** What the header calls this connection when no profile names it (e.g. 'demo'). */
  label: string | null;
  client: BatchClient;
  jobs: JobListService;
  models: ModelsService;
  /** Where the user was on this connection: the picker's last directory, the last save directory. */
  places: Places;
  /** How many models the provider takes in one batch file, for the check before upload. */
  modelsPerFile: ModelsPerFile;
}

export interface SessionState {
  config: Config;
  /** Null while there is nothing to connect to: no profile and no FIZZ_API_KEY (the setup screen). */
  services: Services | null;
  /** Why the last switch or save failed, in words for the screen. */
  error: string | null;
}

export interface SessionOptions {
  store: ConfigStore | null;
  config: Config;
  flags: ConnectionFlags;
  env: ConnectionEnv;
  label?: string;
  /** Where places are remembered between runs; default: in memory, for this run only (the demo, tests). */
  state?: StateStore;
  /** What the server takes in one file when its host does not tell (the demo's built-in server). */
  modelsPerFile?: ModelsPerFile;
  /**
   * Where to connect when no profile is left (the demo's own server): deleting the last profile
   * comes back here instead of to setup. Without it, setup.
   */
  home?: ConnectionFlags;
  /** For tests: a client factory (default: the real one). */
  createClient?: (connection: Connection) => BatchClient;
}

/**
 * The console's session: config, the connection it resolves to, and the services for it.
 * Profile changes are written to the config file first and only then take effect.
 */
export class Session extends Observable<SessionState> {
  private flags: ConnectionFlags;
  private readonly remembered: StateStore;

  constructor(private readonly options: SessionOptions) {
    super({ config: options.config, services: null, error: null });
    this.flags = options.flags;
    this.remembered = options.state ?? StateStore.inMemory();
  }

  /** Where profiles are saved; null when nothing is saved (the demo). */
  get configPath(): string | null {
    return this.options.store?.path ?? null;
  }

  /** Connects as flags, environment and config say; returns false when setup is needed. */
  connect(): boolean {
    const { config } = this.getState();
    const env = this.options.env;
    const nothingChosen = config.profiles.length === 0 && !env.FIZZ_API_KEY && !this.flags.baseURL && !env.FIZZ_BASE_URL;
    if (nothingChosen) {
      this.replaceServices(null);
      return false;
    }
    const resolved = resolveConnection(config, this.flags, env);
    if (!resolved.ok) {
      this.setState({ error: resolved.error });
      this.replaceServices(null);
      return false;
    }
    this.replaceServices(this.build(resolved.connection));
    return true;
  }

  /** Makes a profile the active one and connects to it (the flags that chose another are dropped). */
  useProfile(name: string): void {
    const config = { ...this.getState().config, activeProfile: name };
    if (!this.persist(config)) return;
    this.flags = { ...(this.flags.refreshSeconds ? { refreshSeconds: this.flags.refreshSeconds } : {}) };
    this.connect();
  }

  /** Adds or replaces (by `previousName`) a profile; the first profile becomes the active one. */
  saveProfile(profile: Profile, previousName?: string): boolean {
    const { config } = this.getState();
    const others = config.profiles.filter((p) => p.name !== (previousName ?? profile.name));
    if (previousName !== profile.name && others.some((p) => p.name === profile.name)) {
      this.setState({ error: `There is already a profile named '${profile.name}'.` });
      return false;
    }
    const index = config.profiles.findIndex((p) => p.name === (previousName ?? profile.name));
    const profiles = index < 0 ? [...config.profiles, profile] : config.profiles.map((p, i) => (i === index ? profile : p));
    const active = config.activeProfile === null || config.activeProfile === previousName ? profile.name : config.activeProfile;
    const saved = this.persist({ ...config, profiles, activeProfile: active });
    if (saved && (active === profile.name || !this.getState().services)) this.connect();
    return saved;
  }

  deleteProfile(name: string): boolean {
    const { config } = this.getState();
    const profiles = config.profiles.filter((p) => p.name !== name);
    const activeProfile = config.activeProfile === name ? (profiles[0]?.name ?? null) : config.activeProfile;
    const saved = this.persist({ ...config, profiles, activeProfile });
    if (!saved || config.activeProfile !== name) return saved;
    // The demo's server was dropped from the flags when a profile was chosen: it is where the
    // demo goes back to once no profile is left.
    if (activeProfile === null && this.options.home) this.flags = { ...this.flags, ...this.options.home };
    this.connect();
    return saved;
  }

  /** GET /v1/models with a profile's settings, without switching to it. */
  async testProfile(profile: Pick<Profile, 'baseURL' | 'apiKey'>): Promise<{ ok: true; models: number } | { ok: false; error: unknown }> {
    const client = createBatchClient({ baseURL: profile.baseURL, apiKey: profile.apiKey ?? null, maxRetries: 0, timeoutMs: 15_000 });
    try {
      return { ok: true, models: (await client.listModels()).length };
    } catch (error) {
      return { ok: false, error };
    }
  }

  clearError(): void {
    this.setState({ error: null });
  }

  dispose(): void {
    this.replaceServices(null);
    this.clearListeners();
  }

  private persist(config: Config): boolean {
    try {
      this.options.store?.save(config);
      this.setState({ config, error: null });
      return true;
    } catch (error) {
      this.setState({ error: `The config could not be saved: ${error instanceof Error ? error.message : String(error)}` });
      return false;
    }
  }

  private build(connection: Connection): Services {
    const client = (this.options.createClient ?? defaultClient)(connection);
    const jobs = new JobListService({ client, intervalMs: connection.refreshSeconds * 1000 });
    const places = new Places({ store: this.remembered, key: placesKeyOf(connection) });
    const modelsPerFile = this.options.modelsPerFile ?? modelsPerFileOf(connection.baseURL);
    return { connection, label: this.options.label ?? null, client, jobs, models: new ModelsService(client), places, modelsPerFile };
  }

  private replaceServices(services: Services | null): void {
    const old = this.getState().services;
    if (old) {
      old.jobs.dispose();
      old.models.dispose();
    }
    this.setState({ services });
    services?.jobs.start();
  }
}

function defaultClient(connection: Connection): BatchClient {
  return createBatchClient({ baseURL: connection.baseURL, apiKey: connection.apiKey, ...(connection.profile ? { profile: connection.profile.name } : {}) });
}
