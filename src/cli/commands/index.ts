export type CommandRunner = (argv: string[]) => Promise<number>;

export interface CommandSpec {
  name: string;
  synopsis: string;
  summary: string;
  help: string;
  /** Loaded only when the command runs, so the others never pay for its imports. */
  load: () => Promise<CommandRunner>;
}

export const commands: readonly CommandSpec[] = [
  {
    name: 'serve',
    synopsis: 'serve [options]',
    summary: 'run the built-in Batch API server on 127.0.0.1 (for curl, the openai SDK, tests, demos)',
    help: [
      'Usage: fizz-batch serve [options]',
      '',
      'Runs the built-in OpenAI-compatible Batch API server and prints its base URL on the first line',
      'of standard output. Everything else goes to standard error.',
      '',
      'Options:',
      '  --port N          port to listen on; 0 picks a free one (default 0)',
      '  --host H          address to bind (default 127.0.0.1)',
      '  --data-dir D      keep files and jobs in D so they survive a restart (default: a temporary',
      '                    directory, removed when the server stops)',
      '  --api-key K       require "Authorization: Bearer K" (default: $FIZZ_SERVE_API_KEY, which keeps',
      '                    the key out of ps; without either, any key, or none, is accepted)',
      '  --speed X         run the job lifecycle X times faster: the 24h window lasts 24h/X (default 1)',
      '  --rate R          requests each job processes per simulated second (default 2)',
      '  --fail-rate R     share of requests, 0 to 1, that fail with a server error (default 0.02)',
      '  --fault-rate R    share of responses, 0 to 1, that are 500, 503 or 429 with retry-after (default 0)',
      '  --latency-ms N    delay every response by N milliseconds (default 0)',
      '  --flavor F        fizz (default) behaves as fizz.ai does: the fizz.ai guide\'s models, several',
      '                    models per file, completion windows from 1h to 7d, numeric-string',
      '                    timestamps and the guide\'s extra list fields; openai keeps OpenAI\'s strict',
      '                    rules (one model per file, 24h only) and integer timestamps',
      '  --demo-data       start with sample jobs in every status, some of them still running',
      '',
    ].join('\n'),
    load: async () => (await import('./serve.js')).runServe,
  },
  {
    name: 'validate',
    synopsis: 'validate FILE [options]',
    summary: 'check a batch input file as the console does before upload; exit 3 when it has errors',
    help: [
      'Usage: fizz-batch validate FILE [options]',
      '',
      'Checks a batch input file (JSONL, one request per line) the way the console does before it',
      'uploads one, without sending anything: JSON syntax, custom_id (present, a string, unique),',
      'method POST, a supported url and a single endpoint (an endpoint it does not know, such as',
      '/v1/images/generations, is a warning), body with model and messages (chat) or input',
      '(embeddings, responses, moderations), no stream: true, UTF-8, the request count and the size.',
      'CRLF line ends, a UTF-8 byte-order mark and a trailing blank line are fine.',
      '',
      'Prints a summary (requests, endpoint, models, size, estimated input tokens) and the problems',
      'grouped by kind, each with its line number and field. Blank lines between requests are',
      'warnings. Several models in one file follow the provider the console would connect to',
      '(--base-url, --profile, FIZZ_BASE_URL, the active profile, else fizz.ai): fine on fizz.ai,',
      'an error on OpenAI, which fails such a batch, and a warning on any other host.',
      '',
      'Options:',
      '  --json            print the report as JSON: the summary, counts per problem and the first',
      '                    problems of each kind',
      '  --max-requests N  most requests a file may hold (default 50000, OpenAI\'s limit; Azure: 100000)',
      '  --max-bytes N     largest file allowed, in bytes or with a unit: 100MB, 1GB (default 200MB,',
      '                    OpenAI\'s limit; Groq and Together: 100MB)',
      '  --examples N      problems shown per kind (default 5); the rest are counted',
      '  --base-url URL    check by the rules of the provider at URL',
      '  --profile NAME    check by the rules of the provider of profile NAME',
      '',
      'Exit status: 0 no errors (warnings allowed), 3 errors found, 2 usage error, 1 the file cannot',
      'be read.',
      '',
    ].join('\n'),
    load: async () => (await import('./validate.js')).runValidate,
  },
  {
    name: 'view',
    synopsis: 'view FILE [--input INPUT]',
    summary: 'read a local output, error or input file in the results pager (no server needed)',
    help: [
      'Usage: fizz-batch view FILE.jsonl [options]',
      '',
      'Opens the results pager of the console on a local JSONL file: an output or error file',
      'downloaded before, or a batch input file. No profile, key or server is needed. The first',
      'page shows at once; a large file is indexed in the background, in constant memory.',
      '',
      'Each line is a record: custom_id, HTTP status or error code, the answer, finish reason,',
      'tokens. With --input, the request each result answers is shown beside it (above it on a',
      'narrow terminal), joined by custom_id. Lines that are not JSON are shown raw, flagged.',
      '',
      'Keys: ↑↓/jk record, PgUp/PgDn page, g/G first/last, : line number, / search (n/N next,',
      'previous; esc cancels a long one), E next error, x errors only, v raw JSON, i input on/off,',
      's save a copy, J save joined with the input (custom_id, request, response, error per line),',
      'q quits.',
      '',
      'Options:',
      '  --input FILE      the batch input file the results came from, to show each request',
      '  --no-color        no colours (NO_COLOR is honoured too)',
      '  --no-alt-screen   draw inline instead of in the alternate screen',
      '',
      'Exit status: 0 closed normally, 1 a file cannot be opened, 2 usage error (or no terminal).',
      '',
    ].join('\n'),
    load: async () => (await import('./view.js')).runView,
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name);
}
