import { createBatchClient, messageOf, PlainHttpWarnings, type BatchClient } from '../api/index.js';
import {
  activateProfile,
  deleteProfile,
  modelsPerFileOf,
  putProfile,
  resolveConnection,
  StateStore,
  type Config,
  type ConfigChange,
  type ConfigStore,
  type Connection,
  type ConnectionEnv,
  type ConnectionFlags,
  type Profile,
} from '../config/index.js';
import { FilesService } from './files/service.js';
import type { FilesOptions } from './files/state.js';
import { JobListService } from './jobs/job-list.js';
import { Lazy } from './lazy.js';
import { ModelsService } from './models.js';
import { NewBatchService } from './new-batch/service.js';
import { NewBatchFlow } from './new-batch/flow.js';
import { Observable } from './observable.js';
import { Places, placesKeyOf } from './places.js';
import { OpenPagers } from './results/open-pagers.js';
import type { ModelsPerFile } from './validate/index.js';

/** Everything that talks to one server: replaced as a whole when the user switches profiles. */
export interface Services {
  connection: Connection;
  /** What the header calls this connection when no profile names it (e.g. 'demo'). */
  label: string | null;
  client: BatchClient;
  /**
   * The same connection without the client's own quick retries: polls after a failed one use it,
   * so while a server is down the pollers' back-off is the only retry (one request a minute).
   */
  pollClient: BatchClient;
  jobs: JobListService;
  models: ModelsService;
  /** Where the user was on this connection: the picker's last directory, the last save directory. */
  places: Places;
  /** How many models the provider takes in one batch file, for the check before upload. */
  modelsPerFile: ModelsPerFile;
  /** The new-batch flow of this connection (at most one), kept while its screen is covered. */
  newBatch: NewBatchFlow;
  /**
   * The uploaded files, made when the files screen first opens and kept with the connection:
   * coming back finds the pages already loaded. It holds no timer, so an unused one costs nothing.
   */
  files: Lazy<FilesService, Omit<FilesOptions, 'client'>>;
  /** The results pagers open on this connection's files. */
  pagers: OpenPagers;
}

export interface SessionState {
  config: Config;
  /** Null while there is nothing to connect to: no profile and no FIZZ_API_KEY (the setup screen). */
  services: Services | null;
  /** Why the last switch or save failed, in words for the screen. */
  error: string | null;
  /** The config file holds a key that other users may read: what to do about it (chmod 600). */
  configWarning: string | null;
}

export interface SessionOptions {
  store: ConfigStore | null;
  config: Config;
  /** What was wrong with the config file as it was read (other users may read its keys). */
  configWarning?: string | null;
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
  /** For tests: a client factory (default: the real one); `retries: false` asks for no retries of its own. */
  createClient?: (connection: Connection, options?: { retries: boolean }) => BatchClient;
}

/**
 * The console's session: config, the connection it resolves to, and the services for it.
 * Profile changes are written to the config file first and only then take effect.
 */
export class Session extends Observable<SessionState> {
  private flags: ConnectionFlags;
  private readonly remembered: StateStore;
  private startupWarningShown = false;
  /** A key going over plain http:// is said once a host in a session; this one waits to be shown. */
  private readonly plainHttp = new PlainHttpWarnings();
  private plainHttpWarning: string | null = null;

  constructor(private readonly options: SessionOptions) {
    super({ config: options.config, services: null, error: null, configWarning: options.configWarning ?? null });
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
    const nothingChosen =
      config.profiles.length === 0 && !env.FIZZ_API_KEY && !this.flags.baseURL && !env.FIZZ_BASE_URL;
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
    this.plainHttpWarning = this.plainHttp.take(resolved.connection.baseURL, resolved.connection.apiKey);
    this.replaceServices(this.build(resolved.connection));
    return true;
  }

  /** Makes a profile the active one and connects to it (the flags that chose another are dropped). */
  useProfile(name: string): void {
    if (!this.persist(activateProfile(name))) return;
    this.flags = { ...(this.flags.refreshSeconds ? { refreshSeconds: this.flags.refreshSeconds } : {}) };
    this.connect();
  }

  /**
   * Adds or replaces (by `previousName`) a profile; the first profile becomes the active one.
   * Saved into the file as it is now: profiles another console saved meanwhile are kept.
   */
  saveProfile(profile: Profile, previousName?: string): boolean {
    const seen =
      previousName === undefined ? undefined : this.getState().config.profiles.find((p) => p.name === previousName);
    const saved = this.persist(putProfile(profile, previousName === undefined ? undefined : { previousName, seen }));
    if (saved && (saved.activeProfile === profile.name || !this.getState().services)) this.connect();
    return saved !== null;
  }

  deleteProfile(name: string): boolean {
    const { config } = this.getState();
    const saved = this.persist(
      deleteProfile(
        name,
        config.profiles.find((p) => p.name === name),
      ),
    );
    if (!saved || config.activeProfile !== name) return saved !== null;
    // The demo's server was dropped from the flags when a profile was chosen: it is where the
    // demo goes back to once no profile is left.
    if (saved.activeProfile === null && this.options.home) this.flags = { ...this.flags, ...this.options.home };
    this.connect();
    return true;
  }

  /** GET /v1/models with a profile's settings, without switching to it. */
  async testProfile(
    profile: Pick<Profile, 'baseURL' | 'apiKey'>,
  ): Promise<{ ok: true; models: number } | { ok: false; error: unknown }> {
    const client = createBatchClient({
      baseURL: profile.baseURL,
      apiKey: profile.apiKey ?? null,
      maxRetries: 0,
      timeoutMs: 15_000,
    });
    try {
      return { ok: true, models: (await client.listModels()).length };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /**
   * Reads the config file again, so that profiles another console saved since are shown (the
   * profiles screen does as it opens). The connection stays as it is. Returns why the file could
   * not be read, the config in memory kept; else null.
   */
  reloadConfig(): string | null {
    const { store } = this.options;
    if (!store) return null;
    try {
      const config = store.load();
      this.setState({ config, configWarning: store.exposure(config) });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  }

  /**
   * The config file's warning, the first time it is asked for: shown once where the console opens;
   * and a key about to go over plain http:// to a host not warned about yet in this session.
   */
  takeStartupWarning(): string | null {
    const plainHttp = this.plainHttpWarning;
    this.plainHttpWarning = null;
    const config = this.startupWarningShown ? null : this.getState().configWarning;
    this.startupWarningShown = true;
    return [plainHttp, config].filter((w): w is string => Boolean(w)).join(' · ') || null;
  }

  clearError(): void {
    this.setState({ error: null });
  }

  dispose(): void {
    this.replaceServices(null);
    this.clearListeners();
  }

  /**
   * Applies a change to the config file as it is now (another console may have saved since) and
   * takes what the file then holds as the session's config; without a store (the demo), to the
   * config in memory. Returns the new config, or null with the reason in `error`.
   */
  private persist(change: ConfigChange): Config | null {
    const { store } = this.options;
    try {
      const outcome = store ? store.update(change) : inMemory(change, this.getState().config);
      // A key saved into a file others can read (or one fixed with chmod meanwhile) changes the warning.
      const configWarning = store ? store.exposure(outcome.config) : null;
      this.setState({ config: outcome.config, error: outcome.ok ? null : outcome.reason, configWarning });
      return outcome.ok ? outcome.config : null;
    } catch (error) {
      this.setState({
        error: `The config could not be saved: ${messageOf(error)}`,
      });
      return null;
    }
  }

  private build(connection: Connection): Services {
    const create = this.options.createClient ?? defaultClient;
    const client = create(connection);
    const pollClient = create(connection, { retries: false });
    const jobs = new JobListService({ client, pollClient, intervalMs: connection.refreshSeconds * 1000 });
    const places = new Places({ store: this.remembered, key: placesKeyOf(connection) });
    const modelsPerFile = this.options.modelsPerFile ?? modelsPerFileOf(connection.baseURL);
    const models = new ModelsService(client);
    const profile = connection.profile;
    const newBatch = new NewBatchFlow(
      (options) =>
        new NewBatchService({
          client,
          cwd: options.cwd ?? process.cwd(),
          // The picker starts where it was last used on this profile, and remembers where it goes.
          startDir: places.pickerDir,
          onDirectory: (dir) => places.rememberPickerDir(dir),
          ...(profile?.completionWindows ? { completionWindows: profile.completionWindows } : {}),
          ...(profile?.maxRequests ? { maxRequests: profile.maxRequests } : {}),
          ...(profile?.maxFileBytes ? { maxBytes: profile.maxFileBytes } : {}),
          modelsPerFile,
          models,
          ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
          // The list shows the new job at once, before its next refresh.
          onCreated: (batch) => jobs.upsert(batch),
        }),
    );
    return {
      connection,
      label: this.options.label ?? null,
      client,
      pollClient,
      jobs,
      models,
      places,
      modelsPerFile,
      newBatch,
      files: new Lazy((options) => new FilesService({ client, ...options })),
      pagers: new OpenPagers({ client, places }),
    };
  }

  private replaceServices(services: Services | null): void {
    const old = this.getState().services;
    if (old) {
      old.jobs.dispose();
      old.models.dispose();
      old.newBatch.dispose();
      old.files.dispose();
      old.pagers.dispose();
    }
    this.setState({ services });
    services?.jobs.start();
  }
}

function inMemory(
  change: ConfigChange,
  config: Config,
): { ok: true; config: Config } | { ok: false; reason: string; config: Config } {
  const outcome = change(config);
  return 'refused' in outcome ? { ok: false, reason: outcome.refused, config } : { ok: true, config: outcome.config };
}

function defaultClient(connection: Connection, options?: { retries: boolean }): BatchClient {
  return createBatchClient({
    baseURL: connection.baseURL,
    apiKey: connection.apiKey,
    ...(connection.profile ? { profile: connection.profile.name } : {}),
    ...(options?.retries === false ? { maxRetries: 0 } : {}),
  });
}
