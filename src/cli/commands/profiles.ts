import { createBatchClient, maskKey, messageOf, plural } from '../../api/index.js';
import {
  activateProfile,
  deleteProfile,
  hostOf,
  profileSchema,
  putProfile,
  type Config,
  type ConfigStore,
  type Profile,
} from '../../config/index.js';
import { openCommandConfig } from '../connect.js';
import { UsageError } from '../errors.js';
import type { ParsedCommand } from '../framework/spec.js';
import { confirmed } from '../output/ask.js';
import { writeJson } from '../output/json.js';
import { readSecret } from '../output/secret.js';
import { renderTable } from '../output/table.js';
import { terminalWidth } from '../output/terminal.js';

function find(config: Config, name: string): Profile {
  const profile = config.profiles.find((p) => p.name === name);
  if (!profile) {
    const known = config.profiles.map((p) => p.name);
    throw new UsageError(
      `there is no profile named '${name}'${known.length > 0 ? `; the profiles are: ${known.join(', ')}` : '; there are no profiles yet (fizz-batch profiles add NAME --base-url URL)'}.`,
    );
  }
  return profile;
}

/** Saves a change, or says why it could not be saved (exit 1). */
function save(store: ConfigStore, change: Parameters<ConfigStore['update']>[0]): Config {
  const outcome = store.update(change);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.config;
}

/** `profiles list`: names, hosts, keys masked, which is active. Never a key. */
export async function runProfilesList({ values }: ParsedCommand): Promise<number> {
  const { config } = openCommandConfig();
  if (values.json === true) {
    writeJson(
      config.profiles.map((p) => ({
        name: p.name,
        base_url: p.baseURL,
        has_key: p.apiKey !== undefined,
        active: p.name === config.activeProfile,
      })),
    );
    return 0;
  }
  if (config.profiles.length === 0) {
    process.stderr.write('No profiles yet: fizz-batch profiles add NAME --base-url URL (or p in the console).\n');
    return 0;
  }
  const forPeople = terminalWidth() !== null;
  process.stdout.write(
    await renderTable(
      config.profiles,
      [
        { title: 'NAME', cell: (p) => p.name },
        { title: 'BASE URL', cell: (p) => (forPeople ? hostOf(p.baseURL) : p.baseURL), flexible: true },
        { title: 'KEY', cell: (p) => (p.apiKey ? maskKey(p.apiKey) : 'no key') },
        { title: 'ACTIVE', cell: (p) => (p.name === config.activeProfile ? (forPeople ? '● active' : 'active') : '') },
      ],
      terminalWidth(),
    ),
  );
  return 0;
}

/** `profiles add NAME --base-url URL`: the key from standard input or a prompt that echoes nothing. */
export async function runProfilesAdd({ values, args }: ParsedCommand): Promise<number> {
  const { store, config } = openCommandConfig();
  const name = args.NAME!;
  if (typeof values['base-url'] !== 'string')
    throw new UsageError(
      `profiles add needs the provider's URL: fizz-batch profiles add ${name} --base-url https://api.fizz.ai/v1`,
    );
  if (config.profiles.some((p) => p.name === name)) throw new UsageError(`there is already a profile named '${name}'.`);
  const key =
    values['no-key'] === true ? '' : await readSecret(`Key for ${name} (typed text is not shown; empty for none): `);
  const parsed = profileSchema.safeParse({ name, baseURL: values['base-url'], ...(key ? { apiKey: key } : {}) });
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`).join('; '));
  const saved = save(store, putProfile(parsed.data));
  if (values.use === true) save(store, activateProfile(name));
  const active = values.use === true || saved.activeProfile === name;
  process.stderr.write(
    `Added ${name} (${hostOf(parsed.data.baseURL)}, ${key ? `key ${maskKey(key)}` : 'no key'})${active ? ', the active profile' : ''}.\n`,
  );
  return 0;
}

/** `profiles use NAME`: the active profile, for the console and every command. */
export async function runProfilesUse({ args }: ParsedCommand): Promise<number> {
  const { store, config } = openCommandConfig();
  find(config, args.NAME!);
  save(store, activateProfile(args.NAME!));
  process.stderr.write(`${args.NAME} is the active profile.\n`);
  return 0;
}

/** `profiles rm NAME`: asks first on a terminal; needs --yes without one. */
export async function runProfilesRm({ values, args }: ParsedCommand): Promise<number> {
  const { store, config } = openCommandConfig();
  const profile = find(config, args.NAME!);
  const go = await confirmed({
    yes: values.yes === true,
    noTerminal: `profiles rm asks first, and there is no terminal to ask on: add --yes to delete ${profile.name}.`,
    question: () =>
      `Delete profile ${profile.name} (${hostOf(profile.baseURL)}${profile.apiKey ? ', its key too' : ''})? [y/N] `,
    declined: 'Not deleted.',
  });
  if (!go) return 0;
  const saved = save(store, deleteProfile(profile.name, profile));
  process.stderr.write(
    `Deleted ${profile.name}.${saved.activeProfile ? ` The active profile is ${saved.activeProfile}.` : ''}\n`,
  );
  return 0;
}

/** `profiles test [NAME]`: GET /models with the profile's URL and key; exit 1 when it fails. */
export async function runProfilesTest({ args }: ParsedCommand): Promise<number> {
  const { config } = openCommandConfig();
  const name = args.NAME ?? config.activeProfile;
  if (!name) throw new UsageError('there is no active profile: name one (fizz-batch profiles test NAME).');
  const profile = find(config, name);
  const client = createBatchClient({
    baseURL: profile.baseURL,
    apiKey: profile.apiKey ?? null,
    maxRetries: 0,
    timeoutMs: 15_000,
    profile: profile.name,
  });
  const started = performance.now();
  try {
    const models = await client.listModels();
    process.stdout.write(
      `✓ ${profile.name}: ${hostOf(profile.baseURL)} answered in ${Math.round(performance.now() - started)} ms with ${plural(models.length, 'model')}.\n`,
    );
    return 0;
  } catch (error) {
    process.stdout.write(`✗ ${profile.name}: ${messageOf(error)}\n`);
    return 1;
  }
}
