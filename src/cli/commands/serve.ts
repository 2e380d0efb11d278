import { DEFAULT_FLAVOR } from '../../server/options.js';
import { parseChoice, parseInteger, parseNumber } from '../options.js';
import { ExitCode } from '../errors.js';
import { text, type ParsedCommand } from '../framework/spec.js';
import { messageOf } from '../../api/message-of.js';

/** Where the server's key may come from besides --api-key, so that it need not show in `ps`. */
const serverKeyVariable = 'FIZZ_SERVE_API_KEY';

export async function runServe(
  { values: given }: ParsedCommand,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const values = {
    port: text(given.port),
    host: text(given.host),
    'data-dir': text(given['data-dir']),
    'api-key': text(given['api-key']),
    speed: text(given.speed),
    rate: text(given.rate),
    'fail-rate': text(given['fail-rate']),
    'fault-rate': text(given['fault-rate']),
    'latency-ms': text(given['latency-ms']),
    flavor: text(given.flavor),
    'demo-data': given['demo-data'] === true,
  };

  const envKey = env[serverKeyVariable]?.trim() ? env[serverKeyVariable] : undefined;
  const keyFrom = values['api-key'] !== undefined ? 'flag' : envKey !== undefined ? 'env' : null;
  const options = {
    port: values.port === undefined ? 0 : parseInteger('--port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'],
    apiKey: values['api-key'] ?? envKey,
    speed: values.speed === undefined ? 1 : parseNumber('--speed', values.speed, 0, 1_000_000, { exclusiveMin: true }),
    requestsPerSecond:
      values.rate === undefined ? undefined : parseNumber('--rate', values.rate, 0, 1_000_000, { exclusiveMin: true }),
    failRate: values['fail-rate'] === undefined ? undefined : parseNumber('--fail-rate', values['fail-rate'], 0, 1),
    faultRate: values['fault-rate'] === undefined ? 0 : parseNumber('--fault-rate', values['fault-rate'], 0, 1),
    latencyMs: values['latency-ms'] === undefined ? 0 : parseInteger('--latency-ms', values['latency-ms'], 0, 600_000),
    flavor:
      values.flavor === undefined
        ? DEFAULT_FLAVOR
        : parseChoice('--flavor', values.flavor, ['fizz', 'openai'] as const),
    demoData: values['demo-data'] ?? false,
  };

  const { startServer } = await import('../../server/index.js');
  const server = await startServer({ ...options, log: (line) => process.stderr.write(`${line}\n`) });

  // The URL alone on stdout's first line, so scripts and tests can read it; the rest is for people.
  process.stdout.write(`${server.url}\n`);
  const details = [
    `flavor ${options.flavor}`,
    `speed ${options.speed}×`,
    options.dataDir ? `data in ${options.dataDir}` : 'temporary data',
    keyFrom === 'env' ? `key required (from ${serverKeyVariable})` : keyFrom ? 'key required' : 'no key required',
    options.faultRate > 0 ? `fault rate ${options.faultRate}` : undefined,
    options.demoData ? 'demo data' : undefined,
  ].filter(Boolean);
  process.stderr.write(`fizz-batch server on ${server.url} (${details.join(', ')})\n`);
  process.stderr.write(`${tryHint(server.url, keyFrom)}\nPress ctrl-c to stop.\n`);

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => resolve(ExitCode.ok),
        (error: unknown) => {
          process.stderr.write(`fizz-batch: stopping the server failed: ${messageOf(error)}\n`);
          resolve(ExitCode.runtime);
        },
      );
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  });
}

/**
 * A curl command that works as printed (quoted for zsh too). With a key it carries the
 * Authorization header, with the key as the variable the server reads it from rather than the key
 * itself: stderr of a server ends up in logs, CI output and screen-shares.
 */
function tryHint(url: string, keyFrom: 'flag' | 'env' | null): string {
  const models = `'${url}/models'`;
  if (!keyFrom) return `Try: curl ${models}`;
  const note =
    keyFrom === 'env'
      ? `${serverKeyVariable}: the key this server was started with; it is not printed`
      : `${serverKeyVariable}: the key given with --api-key; it is not printed. Set ${serverKeyVariable} instead of --api-key to keep the key out of ps`;
  return `Try: curl -H "Authorization: Bearer $${serverKeyVariable}" ${models}\n     (${note})`;
}
