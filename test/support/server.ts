import OpenAI from 'openai';
import { startServer, type ServerOptions } from '../../src/server/index.js';

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** Starts the built-in server on a free loopback port; `close` is registered by the caller. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  return startServer({ port: 0, host: '127.0.0.1', ...options });
}

/** The official SDK, as a user would point it at the server: explicit key and base URL. */
export function sdkFor(
  server: TestServer,
  options: { apiKey?: string; maxRetries?: number; fetch?: typeof fetch } = {},
): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey ?? 'sk-test-any',
    baseURL: server.url,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
