import { JOB_STATUSES } from '../../api/statuses.js';
import { connectionOptions, jsonOptions, type CommandSpec } from '../framework/spec.js';

/** The commands on jobs: list, get, submit, watch, results, resubmit, cancel. */
export const jobsCommands: readonly CommandSpec[] = [
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
];
