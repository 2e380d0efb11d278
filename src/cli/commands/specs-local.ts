import { type CommandSpec } from '../framework/spec.js';

/** The commands that need no account: validate, view, serve. */
export const localCommands: readonly CommandSpec[] = [
  {
    name: 'validate',
    args: [{ name: 'FILE', file: true }],
    options: {
      json: {
        type: 'boolean',
        description: 'print the report as JSON: the summary, counts per problem and the first problems of each kind',
      },
      'max-requests': {
        type: 'string',
        value: 'N',
        description: "most requests a file may hold (default 50000, OpenAI's limit; Azure: 100000)",
      },
      'max-bytes': {
        type: 'string',
        value: 'N',
        description:
          "largest file allowed, in bytes or with a unit: 100MB, 1GB (default 200MB, OpenAI's limit; Groq and Together: 100MB)",
      },
      examples: {
        type: 'string',
        value: 'N',
        description: 'problems shown per kind (default 5); the rest are counted',
      },
      'base-url': { type: 'string', value: 'URL', description: 'check by the rules of the provider at URL' },
      profile: { type: 'string', value: 'NAME', description: 'check by the rules of the provider of profile NAME' },
    },
    summary: 'check a batch input file as the console does before upload',
    about: [
      'Checks a batch input file (JSONL, one request per line) the way the console does before it\nuploads one, without sending anything: JSON syntax, custom_id (present, a string, unique),\nmethod POST, a supported url and a single endpoint (an endpoint it does not know, such as\n/v1/images/generations, is a warning), body with model and messages (chat) or input\n(embeddings, responses, moderations), no stream: true, UTF-8, the request count and the size.\nCRLF line ends, a UTF-8 byte-order mark and a trailing blank line are fine.',
      'Prints a summary (requests, endpoint, models, size, estimated input tokens) and the problems\ngrouped by kind, each with its line number and field. Blank lines between requests are\nwarnings. Several models in one file follow the provider the console would connect to\n(--base-url, --profile, FIZZ_BASE_URL, the active profile, else fizz.ai): fine on fizz.ai,\nan error on OpenAI, which fails such a batch, and a warning on any other host.',
    ],
    examples: [
      'fizz-batch validate requests.jsonl',
      'fizz-batch validate requests.jsonl --profile openai --json | jq .summary',
    ],
    exitNotes: ['3 the file has errors (warnings alone are 0)'],
    load: async () => (await import('./validate.js')).runValidate,
  },
  {
    name: 'view',
    args: [{ name: 'FILE', file: true }],
    options: {
      input: {
        type: 'string',
        value: 'FILE',
        description: 'the batch input file the results came from, to show each request',
        file: true,
      },
      'no-color': {
        type: 'boolean',
        description: 'no colour, as with NO_COLOR or FORCE_COLOR=0 (selection in inverse video)',
      },
      'no-alt-screen': { type: 'boolean', description: 'draw inline instead of in the alternate screen' },
    },
    summary: 'read a local output, error or input file in the pager (no server)',
    about: [
      'Opens the results pager of the console on a local JSONL file: an output or error file\ndownloaded before, a batch input file, or a joined export (J). No profile, key or server is\nneeded. The first page shows at once; a large file is indexed in the background, in constant\nmemory.',
      'Each line is a record: custom_id, HTTP status or error code, the answer, finish reason,\ntokens. With --input, the request each result answers is shown beside it (above it on a\nnarrow terminal), joined by custom_id. Lines that are not JSON are shown raw, flagged.',
      'Keys: ↑↓/jk record, PgUp/PgDn page, g/G first/last, : line number, / search (n/N next,\nprevious; esc cancels a long one), E next error, x errors only, v raw JSON, i input on/off,\ns save a copy, J save joined with the input (custom_id, request, response, error per line),\nq quits.',
    ],
    examples: ['fizz-batch view output.jsonl --input requests.jsonl'],
    exitNotes: ['(2 also when there is no terminal)'],
    load: async () => (await import('./view.js')).runView,
  },
  {
    name: 'serve',
    args: [],
    options: {
      port: { type: 'string', value: 'N', description: 'port to listen on; 0 picks a free one (default 0)' },
      host: { type: 'string', value: 'H', description: 'address to bind (default 127.0.0.1)' },
      'data-dir': {
        type: 'string',
        value: 'D',
        description:
          'keep files and jobs in D so they survive a restart (default: a temporary directory, removed when the server stops)',
        file: true,
      },
      'api-key': {
        type: 'string',
        value: 'K',
        description:
          'require "Authorization: Bearer K" (default: any key, or none, is accepted); FIZZ_SERVE_API_KEY does the same without showing the key in ps',
      },
      speed: {
        type: 'string',
        value: 'X',
        description: 'run the job lifecycle X times faster: the 24h window lasts 24h/X (default 1)',
      },
      rate: { type: 'string', value: 'R', description: 'requests each job processes per simulated second (default 2)' },
      'fail-rate': {
        type: 'string',
        value: 'R',
        description: 'share of requests, 0 to 1, that fail with a server error (default 0.02)',
      },
      'fault-rate': {
        type: 'string',
        value: 'R',
        description: 'share of responses, 0 to 1, that are 500, 503 or 429 with retry-after (default 0)',
      },
      'latency-ms': { type: 'string', value: 'N', description: 'delay every response by N milliseconds (default 0)' },
      flavor: {
        type: 'string',
        value: 'F',
        description:
          "fizz (default) behaves as fizz.ai does: the fizz.ai guide's models, several models per file, completion windows from 1h to 7d, numeric-string timestamps and the guide's extra list fields; openai keeps OpenAI's strict rules (one model per file, 24h only) and integer timestamps",
        choices: ['fizz', 'openai'],
      },
      'demo-data': {
        type: 'boolean',
        description: 'start with sample jobs in every status, some of them still running',
      },
    },
    summary: 'run the built-in Batch API server (for curl, the SDK, tests, demos)',
    about: [
      'Runs the built-in OpenAI-compatible Batch API server and prints its base URL on the first line\nof standard output. Everything else goes to standard error.',
    ],
    examples: [
      'fizz-batch serve --demo-data --speed 60',
      'FIZZ_SERVE_API_KEY=secret fizz-batch serve --port 8080 --data-dir ./server-data',
    ],
    load: async () => (await import('./serve.js')).runServe,
  },
];
