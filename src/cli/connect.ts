import { plainHttpKeyWarning, type BatchClient } from '../api/index.js';
import { openConfig, type Config, type ConfigStore, type Connection } from '../config/index.js';
import { connect } from '../core/connect.js';
import { UsageError } from './errors.js';
import type { Values } from './framework/spec.js';

/**
 * The user's config for a command, its warning (a key file others can read) said on stderr. An
 * unreadable file throws a ConfigError whose message names the file: main prints it, exit 1.
 */
export function openCommandConfig(env: NodeJS.ProcessEnv = process.env): { store: ConfigStore; config: Config } {
  const opened = openConfig(env);
  if (opened.warning) process.stderr.write(`fizz-batch: warning: ${opened.warning}\n`);
  return opened;
}

/**
 * The provider a scriptable command talks to, chosen exactly as the console chooses it (the same
 * config, flags, environment and key pairing). Said on stderr: a config warning, and a key
 * withheld because it belongs to another host — in so many words, before the 401 it causes.
 */
export function connectCommand(
  values: Values,
  env: NodeJS.ProcessEnv = process.env,
): { client: BatchClient; connection: Connection } {
  const flags = {
    ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
    ...(typeof values['base-url'] === 'string' ? { baseURL: values['base-url'] } : {}),
  };
  const { config } = openCommandConfig(env);
  const connected = connect(config, flags, {
    FIZZ_API_KEY: env.FIZZ_API_KEY,
    FIZZ_BASE_URL: env.FIZZ_BASE_URL,
    FIZZ_PROFILE: env.FIZZ_PROFILE,
  });
  // A profile or URL that does not exist is a mistake in the call: exit 2, like any usage error.
  if (!connected.ok) throw new UsageError(connected.error);
  if (connected.connection.keyWithheldReason)
    process.stderr.write(`fizz-batch: ${connected.connection.keyWithheldReason}\n`);
  // One command, one connection: said once, before the first request carries the key.
  const plainHttp = plainHttpKeyWarning(connected.connection.baseURL, connected.connection.apiKey);
  if (plainHttp) process.stderr.write(`fizz-batch: warning: ${plainHttp}\n`);
  return connected;
}
