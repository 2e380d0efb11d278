import { JOB_STATUSES } from '../../api/statuses.js';
import { connectionOptions, jsonOptions, type CommandSpec } from '../framework/spec.js';

/**
 * Every command beside the console (which runs with no command). Each is declared once here; its
 * parser, help, usage line and completion come from the declaration. The scriptable ones print
 * data on stdout (a table for people, tab-separated when piped, or one JSON document with --json)
 * and messages on stderr, with exit codes 0 / 1 / 2 / 3.
 */
export const commands: readonly CommandSpec[] = [
  {
    name: 'list',
    args: [],
    options: {
      limit: { type: 'string', value: 'N', description: 'show at most N jobs (default 20)' },
      status: {
        type: 'string',
        value: 'S[,S]',
        description: `only jobs in these statuses: ${JOB_STATUSES.join(', ')}`,
        choices: JOB_STATUSES,
      },
      all: { type: 'boolean', description: 'every job, following every page (stops when the server repeats itself)' },
      ...connectionOptions,
      json: jsonOptions.json!,
      raw: jsonOptions.raw!,
    },
    summary: 'list batch jobs, newest first',
    about: [
      'Lists the batch jobs of the provider the console would connect to (--profile, --base-url,\nFIZZ_BASE_URL, the active profile, else fizz.ai), newest first: id, status, requests done of\nthe total, failed, created, model and description.',
      "On a terminal the table fits its width; piped, each job is one tab-separated line, whole, with\nOpenAI's status names and ISO 8601 times (UTC).",
    ],
    examples: [
      'fizz-batch list',
      'fizz-batch list --status failed,expired --limit 100',
      "fizz-batch list --all --json | jq -r '.[] | select(.request_counts.failed > 0) | .id'",
    ],
    load: async () => (await import('./list.js')).runList,
  },
  {
    name: 'get',
    args: [{ name: 'ID' }],
    options: {
      ...connectionOptions,
      json: { type: 'boolean', description: "print the job as JSON (OpenAI's shape)" },
      raw: jsonOptions.raw!,
    },
    summary: 'show one job: counts, timeline, files, errors, tokens',
    about: [
      "Shows the job's facts as the console's detail does: status, request counts (and requests that\nnever ran), endpoint, model, window, its files, the timeline, the errors grouped by code, the\ntokens used and its metadata.",
    ],
    examples: ['fizz-batch get batch_abc123', 'fizz-batch get batch_abc123 --json | jq .request_counts'],
    load: async () => (await import('./get.js')).runGet,
  },
  {
    name: 'submit',
    args: [{ name: 'FILE', file: true }],
    options: {
      window: {
        type: 'string',
        value: 'W',
        description: "completion window, e.g. 24h (default: the profile's first; OpenAI takes only 24h)",
      },
      endpoint: {
        type: 'string',
        value: 'E',
        description: "fail unless the file's requests go to this endpoint (e.g. /v1/chat/completions)",
      },
      description: {
        type: 'string',
        value: 'TEXT',
        description: "the job's description (metadata.description), shown in the job list",
      },
      metadata: {
        type: 'string',
        multiple: true,
        value: 'K=V',
        description: 'more metadata, as many times as needed (16 keys at most)',
      },
      wait: { type: 'boolean', description: 'then follow the job until it ends, as watch does, with its exit status' },
      ...connectionOptions,
      json: {
        type: 'boolean',
        description: 'print the new batch as JSON instead of its id (with --wait: the job as it ended)',
      },
      raw: jsonOptions.raw!,
    },
    summary: 'check, upload and create a batch from a JSONL file; prints its id',
    about: [
      'Checks the file exactly as validate does (the report on standard error and exit status 3 when it\nhas errors: nothing is uploaded), uploads it (progress on standard error on a terminal), creates\nthe batch and prints its id on standard output. A create whose answer is lost is looked for in\nthe job list before it is sent again: a batch is never created twice.',
    ],
    examples: [
      'id=$(fizz-batch submit requests.jsonl --description "nightly eval") && fizz-batch watch "$id"',
      'fizz-batch submit requests.jsonl --metadata team=search --wait && echo all done',
    ],
    exitNotes: ['3 the file has errors (nothing uploaded)', 'with --wait: 1 also when the job did not succeed whole'],
    load: async () => (await import('./submit.js')).runSubmit,
  },
  {
    name: 'watch',
    args: [{ name: 'ID' }],
    options: {
      interval: {
        type: 'string',
        value: 'SECONDS',
        description: 'poll every SECONDS while the job moves (default 5; slower while it does not)',
      },
      ...connectionOptions,
      json: { type: 'boolean', description: "when the job ends, print it as JSON (OpenAI's shape)" },
      raw: jsonOptions.raw!,
    },
    summary: 'follow a job until it ends; exit 0 only if every request succeeded',
    about: [
      'Follows the job until it ends, polling as the console does. On a terminal, standard error shows\none progress line (done, failed, rate, ETA); otherwise one line per status change. The end is\nsaid once: "completed: all 80 requests succeeded", "expired: 259 succeeded, 8 failed, 133 never\nran".',
      'Exit status 0 when the job completed and every request succeeded; 1 when it failed, expired or\nwas cancelled, or some requests failed (standard error says which).',
    ],
    examples: ['fizz-batch watch batch_abc123 && fizz-batch results batch_abc123 -o answers.jsonl'],
    load: async () => (await import('./watch.js')).runWatch,
  },
  {
    name: 'results',
    args: [{ name: 'ID' }],
    options: {
      errors: { type: 'boolean', description: 'the error file instead of the output file' },
      joined: {
        type: 'boolean',
        description: "each result with its request (the pager's J): custom_id, request, response, error, status_code",
      },
      output: {
        type: 'string',
        short: 'o',
        value: 'FILE',
        description: 'write to FILE (atomically: an interrupted run leaves FILE as it was) instead of stdout',
        file: true,
      },
      ...connectionOptions,
    },
    summary: "write a job's output or error file to stdout or a file",
    about: [
      "Writes the job's output file (or, with --errors, its error file) as the provider sent it, or\njoined with the requests (--joined). The download goes through the console's cache: a file read\nbefore is not downloaded again, and an interrupted download resumes where it stopped. Nothing is\nwritten until the whole file is here, so a failed download never passes for a whole file.",
    ],
    examples: [
      'fizz-batch results batch_abc123 -o answers.jsonl',
      'fizz-batch results batch_abc123 --errors | jq -r .custom_id',
      'fizz-batch results batch_abc123 --joined -o joined.jsonl',
    ],
    load: async () => (await import('./results.js')).runResults,
  },
  {
    name: 'resubmit',
    args: [{ name: 'ID' }],
    options: {
      again: {
        type: 'boolean',
        description: 'resubmit even though the job was resubmitted before (that pays twice for the same requests)',
      },
      wait: {
        type: 'boolean',
        description: 'then follow the new job until it ends, as watch does, with its exit status',
      },
      ...connectionOptions,
      json: {
        type: 'boolean',
        description: 'print the new batch as JSON instead of its id (with --wait: the job as it ended)',
      },
      raw: jsonOptions.raw!,
    },
    summary: 'a new batch of the requests of an ended job that failed or never ran',
    about: [
      "The console's R for scripts: reads the job's error file (and its output file when requests may\nhave never run), copies the input lines of exactly those requests byte for byte into a new file,\nsays how many and why on standard error, then submits it as submit does, linked to the old job\nby metadata.resubmit_of. Prints the new batch's id.",
    ],
    examples: ['fizz-batch resubmit batch_abc123 --wait'],
    exitNotes: ['with --wait: 1 also when the new job did not succeed whole'],
    load: async () => (await import('./resubmit.js')).runResubmit,
  },
  {
    name: 'cancel',
    args: [{ name: 'ID' }],
    options: {
      yes: {
        type: 'boolean',
        short: 'y',
        description: 'cancel without asking (needed when there is no terminal to ask on)',
      },
      ...connectionOptions,
      json: { type: 'boolean', description: 'print the job as the server answered the cancel, as JSON' },
      raw: jsonOptions.raw!,
    },
    summary: 'cancel a batch job (asks first)',
    about: [
      'Asks the provider to cancel the job. Requests already running finish; the rest do not run. On a\nterminal it asks first; without one it needs --yes. The cancel is sent once: a job that already\nended cannot be cancelled (the server says 409), and that is reported with exit status 1.',
    ],
    examples: ['fizz-batch cancel batch_abc123', 'fizz-batch cancel batch_abc123 --yes --json | jq -r .status'],
    load: async () => (await import('./cancel.js')).runCancel,
  },
  {
    name: 'files',
    args: [],
    options: {
      purpose: {
        type: 'string',
        value: 'P',
        description: 'only files of this purpose: batch, batch_output, …',
        choices: ['batch', 'batch_output'],
      },
      ...connectionOptions,
      json: jsonOptions.json!,
      raw: jsonOptions.raw!,
    },
    summary: 'list uploaded files',
    about: ['Lists the files uploaded to the provider, newest first: id, purpose, size, created, file name.'],
    examples: ['fizz-batch files --purpose batch', "fizz-batch files --json | jq -r '.[].id'"],
    load: async () => (await import('./files.js')).runFiles,
  },
  {
    name: 'files rm',
    args: [{ name: 'ID' }],
    options: {
      yes: {
        type: 'boolean',
        short: 'y',
        description: 'delete without asking (needed when there is no terminal to ask on)',
      },
      ...connectionOptions,
    },
    summary: 'delete an uploaded file (asks first)',
    about: ['Deletes the file from the provider. Asks first on a terminal; without one it needs --yes.'],
    examples: ["fizz-batch files --purpose batch --json | jq -r '.[].id' | xargs -n1 fizz-batch files rm --yes"],
    load: async () => (await import('./files.js')).runFilesRm,
  },
  {
    name: 'models',
    args: [],
    options: { ...connectionOptions, json: jsonOptions.json!, raw: jsonOptions.raw! },
    summary: "list the provider's models",
    about: ['Lists the models the provider offers (GET /models), sorted by id.'],
    examples: ['fizz-batch models', "fizz-batch models --json | jq -r '.[].id'"],
    load: async () => (await import('./models.js')).runModels,
  },
  {
    name: 'completion',
    args: [{ name: 'SHELL' }],
    options: {},
    summary: 'print a shell completion script (bash, zsh or fish)',
    about: ['Prints a completion script for every command and flag, for bash, zsh or fish.'],
    examples: [
      'eval "$(fizz-batch completion bash)"    # in ~/.bashrc',
      'eval "$(fizz-batch completion zsh)"     # in ~/.zshrc, after compinit',
      'fizz-batch completion fish | source      # in ~/.config/fish/config.fish',
    ],
    load: async () => (await import('./completion.js')).runCompletion,
  },
  {
    name: 'profiles list',
    args: [],
    options: {
      json: {
        type: 'boolean',
        description: 'print the profiles as JSON (never a key: has_key says whether one is stored)',
      },
    },
    summary: 'list the profiles (keys masked) and which is active',
    about: ['Lists the profiles of the config file: name, base URL, key (masked), which one is active.'],
    examples: ['fizz-batch profiles list'],
    load: async () => (await import('./profiles.js')).runProfilesList,
  },
  {
    name: 'profiles add',
    args: [{ name: 'NAME' }],
    options: {
      'base-url': {
        type: 'string',
        value: 'URL',
        description: "the provider's base URL, e.g. https://api.fizz.ai/v1 (required)",
      },
      use: { type: 'boolean', description: 'make it the active profile' },
      'no-key': { type: 'boolean', description: 'store no key (a server that needs none)' },
    },
    summary: 'add a profile; the key comes from standard input or a hidden prompt',
    about: [
      "Adds a profile. The key is read from standard input when it is piped, else asked for on the\nterminal without echo. It is never taken from the command line, where ps would show it, and it\nis sent only to the profile's own host.",
    ],
    examples: [
      'fizz-batch profiles add fizz --base-url https://api.fizz.ai/v1 --use',
      'pass show openai | fizz-batch profiles add openai --base-url https://api.openai.com/v1',
    ],
    load: async () => (await import('./profiles.js')).runProfilesAdd,
  },
  {
    name: 'profiles use',
    args: [{ name: 'NAME' }],
    options: {},
    summary: 'make a profile the active one',
    about: ['Makes NAME the active profile: the console and every command use it unless told otherwise.'],
    load: async () => (await import('./profiles.js')).runProfilesUse,
  },
  {
    name: 'profiles rm',
    args: [{ name: 'NAME' }],
    options: {
      yes: {
        type: 'boolean',
        short: 'y',
        description: 'delete without asking (needed when there is no terminal to ask on)',
      },
    },
    summary: 'delete a profile and its key (asks first)',
    about: ['Deletes the profile and the key stored with it. Asks first on a terminal; without one it needs --yes.'],
    load: async () => (await import('./profiles.js')).runProfilesRm,
  },
  {
    name: 'profiles test',
    args: [{ name: 'NAME', optional: true }],
    options: {},
    summary: "test a profile's connection (GET /models)",
    about: [
      "Calls GET /models with the profile's URL and key (the active profile when no NAME is given)\nand says how it went: the number of models, or why it failed (exit status 1).",
    ],
    load: async () => (await import('./profiles.js')).runProfilesTest,
  },
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
