import { connectionOptions, jsonOptions, type CommandSpec } from '../framework/spec.js';

/**
 * The scriptable commands beside the console: data on stdout (a table for people, tab-separated
 * when piped, or one JSON document with --json), messages on stderr, exit codes 0 / 1 / 2 / 3.
 * Each is declared once here; its parser, help and completion come from the declaration.
 */
export const scriptableCommands: readonly CommandSpec[] = [
  {
    name: 'list',
    args: [],
    options: {
      limit: { type: 'string', value: 'N', description: 'show at most N jobs (default 20)' },
      status: { type: 'string', value: 'S[,S]', description: 'only jobs in these statuses: validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled', choices: ['validating', 'in_progress', 'finalizing', 'completed', 'failed', 'expired', 'cancelling', 'cancelled'] },
      all: { type: 'boolean', description: 'every job, following every page (stops when the server repeats itself)' },
      ...connectionOptions,
      json: jsonOptions.json!,
    },
    summary: 'list batch jobs, newest first',
    about: [
      'Lists the batch jobs of the provider the console would connect to (--profile, --base-url,\nFIZZ_BASE_URL, the active profile, else fizz.ai), newest first: id, status, requests done of\nthe total, failed, created, model and description.',
      'On a terminal the table fits its width; piped, each job is one tab-separated line, whole, with\nOpenAI\'s status names and ISO 8601 times (UTC).',
    ],
    examples: ['fizz-batch list', 'fizz-batch list --status failed,expired --limit 100', "fizz-batch list --all --json | jq -r '.[] | select(.request_counts.failed > 0) | .id'"],
    load: async () => (await import('./list.js')).runList,
  },
  {
    name: 'get',
    args: [{ name: 'ID' }],
    options: { ...connectionOptions, json: { type: 'boolean', description: 'print the job as JSON (OpenAI\'s shape)' } },
    summary: "show one job: counts, timeline, files, errors, tokens",
    about: ["Shows the job's facts as the console's detail does: status, request counts (and requests that\nnever ran), endpoint, model, window, its files, the timeline, the errors grouped by code, the\ntokens used and its metadata."],
    examples: ['fizz-batch get batch_abc123', 'fizz-batch get batch_abc123 --json | jq .request_counts'],
    load: async () => (await import('./get.js')).runGet,
  },
  {
    name: 'watch',
    args: [{ name: 'ID' }],
    options: {
      interval: { type: 'string', value: 'SECONDS', description: 'poll every SECONDS while the job moves (default 5; slower while it does not)' },
      ...connectionOptions,
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
      joined: { type: 'boolean', description: "each result with its request (the pager's J): custom_id, request, response, error, status_code" },
      output: { type: 'string', short: 'o', value: 'FILE', description: 'write to FILE (atomically: an interrupted run leaves FILE as it was) instead of stdout', file: true },
      ...connectionOptions,
    },
    summary: "write a job's output or error file to stdout or a file",
    about: [
      "Writes the job's output file (or, with --errors, its error file) as the provider sent it, or\njoined with the requests (--joined). The download goes through the console's cache: a file read\nbefore is not downloaded again, and an interrupted download resumes where it stopped. Nothing is\nwritten until the whole file is here, so a failed download never passes for a whole file.",
    ],
    examples: ['fizz-batch results batch_abc123 -o answers.jsonl', "fizz-batch results batch_abc123 --errors | jq -r .custom_id", 'fizz-batch results batch_abc123 --joined -o joined.jsonl'],
    load: async () => (await import('./results.js')).runResults,
  },
  {
    name: 'cancel',
    args: [{ name: 'ID' }],
    options: {
      yes: { type: 'boolean', short: 'y', description: 'cancel without asking (needed when there is no terminal to ask on)' },
      ...connectionOptions,
      json: { type: 'boolean', description: 'print the job as the server answered the cancel, as JSON' },
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
      purpose: { type: 'string', value: 'P', description: 'only files of this purpose: batch, batch_output, …', choices: ['batch', 'batch_output'] },
      ...connectionOptions,
      json: jsonOptions.json!,
    },
    summary: 'list uploaded files',
    about: ['Lists the files uploaded to the provider, newest first: id, purpose, size, created, file name.'],
    examples: ['fizz-batch files --purpose batch', "fizz-batch files --json | jq -r '.[].id'"],
    load: async () => (await import('./files.js')).runFiles,
  },
  {
    name: 'models',
    args: [],
    options: { ...connectionOptions, json: jsonOptions.json! },
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
    examples: ['eval "$(fizz-batch completion bash)"    # in ~/.bashrc', 'eval "$(fizz-batch completion zsh)"     # in ~/.zshrc, after compinit', 'fizz-batch completion fish | source      # in ~/.config/fish/config.fish'],
    load: async () => (await import('./completion.js')).runCompletion,
  },
  {
    name: 'profiles list',
    args: [],
    options: { json: { type: 'boolean', description: 'print the profiles as JSON (never a key: has_key says whether one is stored)' } },
    summary: 'list the profiles (keys masked) and which is active',
    about: ['Lists the profiles of the config file: name, base URL, key (masked), which one is active.'],
    examples: ['fizz-batch profiles list'],
    load: async () => (await import('./profiles.js')).runProfilesList,
  },
  {
    name: 'profiles add',
    args: [{ name: 'NAME' }],
    options: {
      'base-url': { type: 'string', value: 'URL', description: "the provider's base URL, e.g. https://api.fizz.ai/v1 (required)" },
      use: { type: 'boolean', description: 'make it the active profile' },
      'no-key': { type: 'boolean', description: 'store no key (a server that needs none)' },
    },
    summary: 'add a profile; the key comes from standard input or a hidden prompt',
    about: ['Adds a profile. The key is read from standard input when it is piped, else asked for on the\nterminal without echo. It is never taken from the command line, where ps would show it, and it\nis sent only to the profile\'s own host.'],
    examples: ['fizz-batch profiles add fizz --base-url https://api.fizz.ai/v1 --use', 'pass show openai | fizz-batch profiles add openai --base-url https://api.openai.com/v1'],
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
    options: { yes: { type: 'boolean', short: 'y', description: 'delete without asking (needed when there is no terminal to ask on)' } },
    summary: 'delete a profile and its key (asks first)',
    about: ['Deletes the profile and the key stored with it. Asks first on a terminal; without one it needs --yes.'],
    load: async () => (await import('./profiles.js')).runProfilesRm,
  },
  {
    name: 'profiles test',
    args: [{ name: 'NAME', optional: true }],
    options: {},
    summary: "test a profile's connection (GET /models)",
    about: ["Calls GET /models with the profile's URL and key (the active profile when no NAME is given)\nand says how it went: the number of models, or why it failed (exit status 1)."],
    load: async () => (await import('./profiles.js')).runProfilesTest,
  },
];
