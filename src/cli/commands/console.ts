import { parseArgs } from 'node:util';
import { parseInteger } from '../options.js';

/** `fizz-batch [--demo] [--profile NAME] [--base-url URL] [--refresh S] [--no-color] [--no-alt-screen]` */
export async function runConsoleCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      demo: { type: 'boolean' },
      profile: { type: 'string' },
      'base-url': { type: 'string' },
      refresh: { type: 'string' },
      'no-color': { type: 'boolean' },
      'no-alt-screen': { type: 'boolean' },
    },
  });
  const env = process.env;
  const color = !values['no-color'] && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.FORCE_COLOR !== '0';
  if (!color) process.env.FORCE_COLOR = '0';
  const flags = {
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values['base-url'] !== undefined ? { baseURL: values['base-url'] } : {}),
    ...(values.refresh !== undefined ? { refreshSeconds: parseInteger('--refresh', values.refresh, 1, 3600) } : {}),
  };

  let demoServer: { url: string; close: () => Promise<void> } | null = null;
  if (values.demo) {
    const { startServer } = await import('../../server/index.js');
    demoServer = await startServer({ demoData: true, port: 0 });
  }
  const { runConsole } = await import('../../ui/run.js');
  try {
    return await runConsole({
      flags,
      env: {
        FIZZ_API_KEY: env.FIZZ_API_KEY,
        FIZZ_BASE_URL: env.FIZZ_BASE_URL,
        FIZZ_PROFILE: env.FIZZ_PROFILE,
        FIZZ_CONFIG_DIR: env.FIZZ_CONFIG_DIR,
      },
      color,
      altScreen: !values['no-alt-screen'],
      ...(demoServer ? { demo: { baseURL: demoServer.url } } : {}),
    });
  } finally {
    await demoServer?.close();
  }
}
