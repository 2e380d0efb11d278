import { isDeepStrictEqual } from 'node:util';
import type { Config, Profile } from './schema.js';
import type { Rename } from './unknown-keys.js';

/**
 * One change to the config, applied to the file as it is now (read under the lock), not to the
 * copy this process read earlier: another fizz-batch may have saved since. `refused` says why it
 * cannot be applied to what the file holds now.
 */
export type ConfigChange = (current: Config) => { config: Config; rename?: Rename } | { refused: string };

/**
 * Adds `profile`, or (with `previousName`) saves the edit of a profile that read as `seen` when
 * the form opened. Only the fields this edit changed are written: a field another process changed
 * meanwhile (a new key typed in the other console) keeps its new value. An edited profile that
 * another process deleted is saved again: the edit is the newer wish.
 */
export function putProfile(profile: Profile, edit?: { previousName: string; seen: Profile | undefined }): ConfigChange {
  return (current) => {
    const oldName = edit?.previousName ?? profile.name;
    if (oldName !== profile.name || !edit) {
      if (current.profiles.some((p) => p.name === profile.name))
        return { refused: `There is already a profile named '${profile.name}'.` };
    }
    const there = edit ? current.profiles.find((p) => p.name === oldName) : undefined;
    const saved = there && edit?.seen ? mergeEdit(there, edit.seen, profile) : profile;
    const index = there ? current.profiles.indexOf(there) : -1;
    const profiles =
      index < 0 ? [...current.profiles, saved] : current.profiles.map((p, i) => (i === index ? saved : p));
    const activeProfile =
      current.activeProfile === null || current.activeProfile === oldName ? profile.name : current.activeProfile;
    return {
      config: { ...current, profiles, activeProfile },
      ...(oldName !== profile.name ? { rename: { from: oldName, to: profile.name } } : {}),
    };
  };
}

/**
 * Deletes a profile that read as `seen` on this screen. If another process changed it since, it is
 * not deleted: the user decided on values that are no longer there (perhaps a key just typed).
 */
export function deleteProfile(name: string, seen: Profile | undefined): ConfigChange {
  return (current) => {
    const there = current.profiles.find((p) => p.name === name);
    if (there && seen && !sameProfile(there, seen)) {
      // Short: it must fit the one status line of the profiles screen.
      return { refused: `Not deleted: another fizz-batch changed '${name}' meanwhile. Check it; d deletes it.` };
    }
    const profiles = current.profiles.filter((p) => p.name !== name);
    const activeProfile = current.activeProfile === name ? (profiles[0]?.name ?? null) : current.activeProfile;
    return { config: { ...current, profiles, activeProfile } };
  };
}

export function activateProfile(name: string): ConfigChange {
  return (current) => {
    if (!current.profiles.some((p) => p.name === name))
      return { refused: `There is no profile named '${name}' any more: another fizz-batch deleted it.` };
    return { config: { ...current, activeProfile: name } };
  };
}

/** Equal as the file would hold them: a field set to undefined is a field not there. */
function sameProfile(a: Profile, b: Profile): boolean {
  const defined = (p: Profile) => Object.fromEntries(Object.entries(p).filter(([, value]) => value !== undefined));
  return isDeepStrictEqual(defined(a), defined(b));
}

/** A three-way merge by field: what this edit changed from `seen`, else what is there now. */
function mergeEdit(there: Profile, seen: Profile, edited: Profile): Profile {
  const merged: Record<string, unknown> = { ...there };
  const fields = new Set([...Object.keys(seen), ...Object.keys(edited)]) as Set<keyof Profile>;
  for (const field of fields) {
    if (isDeepStrictEqual(edited[field], seen[field])) continue;
    if (edited[field] === undefined) delete merged[field];
    else merged[field] = edited[field];
  }
  merged.name = edited.name;
  return merged as Profile;
}
