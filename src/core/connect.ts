import { createBatchClient, type BatchClient } from '../api/index.js';
import {
  resolveConnection,
  type Config,
  type Connection,
  type ConnectionEnv,
  type ConnectionFlags,
} from '../config/index.js';

/**
 * The client for a resolved connection: the one way the console and the scriptable commands
 * reach a provider, with the key the connection paired with that host and nothing else.
 */
export function clientFor(connection: Connection): BatchClient {
  return createBatchClient({
    baseURL: connection.baseURL,
    apiKey: connection.apiKey,
    ...(connection.profile ? { profile: connection.profile.name } : {}),
  });
}

export type Connected = { ok: true; connection: Connection; client: BatchClient } | { ok: false; error: string };

/** flags > FIZZ_* environment > the active profile, as the console resolves them, and the client for it. */
export function connect(config: Config, flags: ConnectionFlags, env: ConnectionEnv): Connected {
  const resolved = resolveConnection(config, flags, env);
  if (!resolved.ok) return resolved;
  return { ok: true, connection: resolved.connection, client: clientFor(resolved.connection) };
}
