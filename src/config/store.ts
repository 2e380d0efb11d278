import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Conf from 'conf';
import type { z } from 'zod';
import { appDir } from './app-dirs.js';
import { ConfigError } from './errors.js';
import { migrateConfig } from './migrate.js';
import { configSchema, emptyConfig, type Config } from './schema.js';

export interface ConfigStoreOptions {
  /** The directory to keep config.json in; default the platform's config dir (~/.config/fizz-batch). */
  dir?: string;
}

/**
 * The one place the config file is read and written. It is read once (conf re-reads the file on
 * every get) and validated; a file that does not validate is reported and never overwritten.
 */
export class ConfigStore {
  /** config.json; nothing exists there until the first save. */
  readonly path: string;
  private opened: Conf<Record<string, unknown>> | undefined;

  constructor(options: ConfigStoreOptions = {}) {
    this.path = join(options.dir ?? appDir('config'), 'config.json');
  }

  /** conf, opened on first use: it reads the file (creating its directory) as it opens. */
  private conf(): Conf<Record<string, unknown>> {
    if (this.opened) return this.opened;
    try {
      this.opened = new Conf<Record<string, unknown>>({
        projectName: 'fizz-batch',
        projectSuffix: '',
        configName: 'config',
        configFileMode: 0o600,
        cwd: dirname(this.path),
      });
    } catch (error) {
      // conf reads the file when it is created: broken JSON surfaces here.
      throw new ConfigError(`The config file ${this.path} cannot be read: ${messageOf(error)} Fix or remove it; fizz-batch will not overwrite it.`, this.path);
    }
    return this.opened;
  }

  load(): Config {
    // No file yet: nothing to read, and looking creates nothing (conf would make the directory,
    // with the default mode); save() makes it, 0700, with the first profile.
    if (!existsSync(this.path)) return emptyConfig();
    let raw: unknown;
    try {
      raw = this.conf().store;
    } catch (error) {
      throw this.broken(messageOf(error));
    }
    const migrated = migrateConfig(raw);
    if ('error' in migrated) throw this.broken(migrated.error);
    if (migrated.value === undefined) return emptyConfig();
    const parsed = configSchema.safeParse(migrated.value);
    if (!parsed.success) throw this.broken(describeIssues(parsed.error));
    return parsed.data;
  }

  save(config: Config): void {
    const valid = configSchema.parse(config);
    const dir = dirname(this.path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Keys live in this file: only the user may list the directory or read the file.
    chmodSync(dir, 0o700);
    this.conf().store = valid as unknown as Record<string, unknown>;
  }

  private broken(reason: string): ConfigError {
    return new ConfigError(`The config file ${this.path} is not usable: ${reason}. Fix or remove it; fizz-batch will not overwrite it.`, this.path);
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the file'}: ${issue.message}`)
    .join('; ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The user's config: in FIZZ_CONFIG_DIR when set, else the platform's place. Throws ConfigError
 * when the file is there but unusable; a missing file is an empty config.
 */
export function openConfig(env: { FIZZ_CONFIG_DIR?: string | undefined }): { store: ConfigStore; config: Config } {
  const store = new ConfigStore(env.FIZZ_CONFIG_DIR ? { dir: env.FIZZ_CONFIG_DIR } : {});
  return { store, config: store.load() };
}
