import { parseArgs } from 'node:util';
import { DEFAULT_FLAVOR } from '../../server/options.js';
import { parseChoice, parseInteger, parseNumber } from '../options.js';
import { ExitCode } from '../errors.js';

export async function runServe(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'api-key': { type: 'string' },
      speed: { type: 'string' },
      rate: { type: 'string' },
      'fail-rate': { type: 'string' },
      'fault-rate': { type: 'string' },
      'latency-ms': { type: 'string' },
      flavor: { type: 'string' },
      'demo-data': { type: 'boolean' },
    },
  });

  const options = {
    port: values.port === undefined ? 0 : parseInteger('--port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'],
    apiKey: values['api-key'],
    speed: values.speed === undefined ? 1 : parseNumber('--speed', values.speed, 0, 1_000_000, { exclusiveMin: true }),
    requestsPerSecond: values.rate === undefined ? undefined : parseNumber('--rate', values.rate, 0, 1_000_000, { exclusiveMin: true }),
    failRate: values['fail-rate'] === undefined ? undefined : parseNumber('--fail-rate', values['fail-rate'], 0, 1),
    faultRate: values['fault-rate'] === undefined ? 0 : parseNumber('--fault-rate', values['fault-rate'], 0, 1),
    latencyMs: values['latency-ms'] === undefined ? 0 : parseInteger('--latency-ms', values['latency-ms'], 0, 600_000),
    flavor: values.flavor === undefined ? DEFAULT_FLAVOR : parseChoice('--flavor', values.flavor, ['fizz', 'openai'] as const),
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
    options.apiKey ? 'key required' : 'no key required',
    options.faultRate > 0 ? `fault rate ${options.faultRate}` : undefined,
    options.demoData ? 'demo data' : undefined,
  ].filter(Boolean);
  process.stderr.write(`fizz-batch server on ${server.url} (${details.join(', ')})\n`);
  process.stderr.write(`${tryHint(server.url, options.apiKey !== undefined)}\nPress ctrl-c to stop.\n`);

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => resolve(ExitCode.ok),
        (error: unknown) => {
          process.stderr.write(`fizz-batch: stopping the server failed: ${error instanceof Error ? error.message : String(error)}\n`);
          resolve(ExitCode.runtime);
        },
      );
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  });
}

/** The variable the hint names for the key: the key itself stays out of logs and scrollback. */
const serverKeyVariable = 'FIZZ_SERVER_KEY';

/**
 * A curl command that works as printed (quoted for zsh too). With --api-key it carries the
 * Authorization header, with the key as a shell variable rather than the key itself: stderr of a
 * server ends up in logs, CI output and screen-shares.
 */
function tryHint(url: string, keyRequired: boolean): string {
  const models = `'${url}/models'`;
  if (!keyRequired) return `Try: curl ${models}`;
  return `Try: curl -H "Authorization: Bearer $${serverKeyVariable}" ${models}\n     (${serverKeyVariable}: the key given with --api-key; it is not printed)`;
}
