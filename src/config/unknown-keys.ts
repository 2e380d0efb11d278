import { knownKeys, type Config } from './schema.js';

type JsonObject = Record<string, unknown>;

/** A profile that was renamed in this change: its unknown keys go with it to the new name. */
export interface Rename {
  from: string;
  to: string;
}

/**
 * The object to write: `config` with every key of the file as it was read (`raw`) that this
 * version does not know kept where it was — a newer version's fields, the user's own notes — at
 * the top level, in `notifications` and in each profile (matched by name). Known keys come from
 * `config` alone, so a field cleared in the program (a removed key) is removed from the file.
 */
export function withUnknownKeys(raw: JsonObject | undefined, config: Config, rename?: Rename): JsonObject {
  const rawProfiles = new Map<string, JsonObject>();
  for (const profile of Array.isArray(raw?.profiles) ? raw.profiles : []) {
    if (isObject(profile) && typeof profile.name === 'string') rawProfiles.set(profile.name, profile);
  }
  const profiles = config.profiles.map((profile) => {
    const before = rawProfiles.get(profile.name === rename?.to ? rename.from : profile.name);
    return merge(before, profile, knownKeys.profile);
  });
  const notifications = merge(
    isObject(raw?.notifications) ? raw.notifications : undefined,
    config.notifications,
    knownKeys.notifications,
  );
  return merge(raw, { ...config, profiles, notifications }, knownKeys.config);
}

/** `known` keys from `fresh` (absent or undefined there: removed); the rest of `before` as it was, in its order. */
function merge(before: JsonObject | undefined, fresh: object, known: readonly string[]): JsonObject {
  // No prototype: a hostile "__proto__" key in the file stays a plain key, as JSON.parse made it.
  const result = Object.create(null) as JsonObject;
  for (const [key, value] of Object.entries(before ?? {})) {
    if (!known.includes(key)) result[key] = value;
    else if (Object.hasOwn(fresh, key)) result[key] = (fresh as JsonObject)[key];
  }
  for (const [key, value] of Object.entries(fresh)) {
    if (!Object.hasOwn(result, key)) result[key] = value;
  }
  for (const key of known) if (result[key] === undefined) delete result[key];
  return result;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
