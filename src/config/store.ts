import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Conf from 'conf';
import type * as z from 'zod';
import { messageOf } from '../api/message-of.js';
import { appDir } from './app-dirs.js';
import { ConfigError } from './errors.js';
import { exposedKeysWarning } from './exposure.js';
import { LockBusyError, withFileLock } from './file-lock.js';
import { migrateConfig } from './migrate.js';
import type { ConfigChange } from './profile-changes.js';
import { configSchema, emptyConfig, type Config } from './schema.js';
import { withUnknownKeys } from './unknown-keys.js';

/** conf, loaded the first time something is written: reading the config does not need it (~70 ms at start). */
function loadConf(): typeof Conf {
  return (createRequire(import.meta.url)('conf') as { default: typeof Conf }).default;
}

export interface ConfigStoreOptions {
  /** The directory to keep config.json in; default the platform's config dir (~/.config/fizz-batch). */
  dir?: string;
}

/** What an update left in the file; when refused, why, and what the file holds now. */
export type UpdateResult = { ok: true; config: Config } | { ok: false; reason: string; config: Config };

/**
 * The one place the config file is read and written. A file that does not validate is reported
 * and never overwritten. Several consoles may run on one file: every write is a read-modify-write
 * under a lock file (config.json.lock) that they all respect, so one never drops what another
 * saved; keys this version does not know are written back as they were.
 */
export class ConfigStore {
  /** config.json; nothing exists there until the first save. */
  readonly path: string;

  constructor(options: ConfigStoreOptions = {}) {
    this.path = join(options.dir ?? appDir('config'), 'config.json');
  }

  load(): Config {
    // No file yet: nothing to read, and looking creates nothing (conf would make the directory,
    // with the default mode); an update makes it, 0700, with the first profile.
    if (!existsSync(this.path)) return emptyConfig();
    return this.parse(this.readFile());
  }

  /**
   * Applies `change` to the file as it is now and writes the result atomically (a temporary file
   * renamed over it): a crash or a full disk leaves the old file whole. Throws ConfigError when
   * the file cannot be read or written, in words naming the file.
   */
  update(change: ConfigChange): UpdateResult {
    const dir = dirname(this.path);
    try {
      // Keys live in this file: a directory made here is the user's alone. One that exists keeps
      // the mode the user gave it, read-only included (that is reported, not undone).
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      return withFileLock(`${this.path}.lock`, () => this.updateLocked(change));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(describeWriteError(error, this.path), this.path);
    }
  }

  /** Says when the file holds a key that other users may read (see exposedKeysWarning). */
  exposure(config: Config): string | null {
    return exposedKeysWarning(this.path, config);
  }

  /** Replaces what the file holds with `config` (keeping the keys this version does not know). */
  save(config: Config): void {
    this.update(() => ({ config }));
  }

  private updateLocked(change: ConfigChange): UpdateResult {
    const { conf, raw } = this.readRaw();
    const current = raw === undefined ? emptyConfig() : this.parse(raw);
    const outcome = change(current);
    if ('refused' in outcome) return { ok: false, reason: outcome.refused, config: current };
    const config = configSchema.parse(outcome.config);
    conf.store = withUnknownKeys(raw, config, outcome.rename);
    return { ok: true, config };
  }

  /**
   * The file read without conf, for the reads every start does (a command that only reads pays
   * for neither conf nor its validator); undefined when it holds an empty object.
   */
  private readFile(): Record<string, unknown> | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      const what =
        error instanceof SyntaxError ? `is not valid JSON (${error.message})` : `cannot be read (${messageOf(error)})`;
      throw new ConfigError(
        `The config file ${this.path} ${what}. Fix or remove it; fizz-batch will not overwrite it.`,
        this.path,
      );
    }
    return this.checkRaw(raw);
  }

  private checkRaw(raw: unknown): Record<string, unknown> | undefined {
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0)
      return undefined;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw this.broken('the file does not hold a JSON object');
    return raw as Record<string, unknown>;
  }

  /** The file as conf reads it (undefined when absent or empty), and conf to write it back. */
  private readRaw(): { conf: Conf<Record<string, unknown>>; raw: Record<string, unknown> | undefined } {
    const exists = existsSync(this.path);
    let conf: Conf<Record<string, unknown>>;
    try {
      conf = new (loadConf())<Record<string, unknown>>({
        projectName: 'fizz-batch',
        projectSuffix: '',
        configName: 'config',
        // A new file is the user's alone; an existing one keeps the mode it has (conf's atomic
        // write copies it): a mode the user chose is not changed behind their back.
        ...(exists ? {} : { configFileMode: 0o600 }),
        cwd: dirname(this.path),
      });
    } catch (error) {
      // conf reads the file when it is created: broken JSON surfaces here.
      throw new ConfigError(
        `The config file ${this.path} cannot be read: ${messageOf(error)} Fix or remove it; fizz-batch will not overwrite it.`,
        this.path,
      );
    }
    if (!exists) return { conf, raw: undefined };
    let raw: unknown;
    try {
      raw = conf.store;
    } catch (error) {
      throw this.broken(messageOf(error));
    }
    return { conf, raw: this.checkRaw(raw) };
  }

  private parse(raw: Record<string, unknown> | undefined): Config {
    const migrated = migrateConfig(raw ?? {});
    if ('error' in migrated) throw this.broken(migrated.error);
    if (migrated.value === undefined) return emptyConfig();
    const parsed = configSchema.safeParse(migrated.value);
    if (!parsed.success) throw this.broken(describeIssues(parsed.error));
    return parsed.data;
  }

  private broken(reason: string): ConfigError {
    return new ConfigError(
      `The config file ${this.path} is not usable: ${reason}. Fix or remove it; fizz-batch will not overwrite it.`,
      this.path,
    );
  }
}

/** Why the file could not be written, naming it; what the user can do about it where there is something. */
function describeWriteError(error: unknown, path: string): string {
  if (error instanceof LockBusyError) {
    return `cannot write ${path}: ${error.holder} is writing it and did not finish in 5 s. Try again; if no other fizz-batch is running, remove ${error.lockPath}.`;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const dir = dirname(path);
  if (code === 'EACCES' || code === 'EPERM')
    return `cannot write ${path}: permission denied (${dir} is not writable for you; fizz-batch leaves its permissions as they are).`;
  if (code === 'EROFS') return `cannot write ${path}: the file system is read-only.`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `cannot write ${path}: no space left on the device.`;
  if (code === 'ENOTDIR') return `cannot write ${path}: a part of the path is a file, not a directory.`;
  return `cannot write ${path}: ${messageOf(error)}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the file'}: ${issue.message}`)
    .join('; ');
}

/**
 * The user's config: in FIZZ_CONFIG_DIR when set, else the platform's place. Throws ConfigError
 * when the file is there but unusable; a missing file is an empty config. `warning`: the file
 * holds a key other users may read, in words for the screen or stderr.
 */
export function openConfig(env: { FIZZ_CONFIG_DIR?: string | undefined }): {
  store: ConfigStore;
  config: Config;
  warning: string | null;
} {
  const store = new ConfigStore(env.FIZZ_CONFIG_DIR ? { dir: env.FIZZ_CONFIG_DIR } : {});
  const config = store.load();
  return { store, config, warning: store.exposure(config) };
}
