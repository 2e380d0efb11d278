import { connectionOptions, jsonOptions, type CommandSpec } from '../framework/spec.js';

/** The commands on the account: files, models, completion, profiles. */
export const accountCommands: readonly CommandSpec[] = [
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
];
