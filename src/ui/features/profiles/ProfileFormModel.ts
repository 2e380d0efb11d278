import { hostOf, profileSchema, providerPresets, type Profile, type ProviderPreset } from '../../../config/index.js';

/** What the profile form holds: text as typed, turned into a Profile only when it validates. */
export interface ProfileFormValues {
  name: string;
  baseURL: string;
  /** Empty while editing means "keep the stored key" (unless `removeStoredKey`). */
  apiKey: string;
  refresh: string;
  /** Editing only: the profile is saved without its stored key (the key field is then empty). */
  removeStoredKey?: boolean;
}

export type FieldId = 'name' | 'provider' | 'baseURL' | 'apiKey' | 'refresh';
export type FieldErrors = Partial<Record<FieldId, string>>;

const custom = providerPresets.find((p) => p.id === 'custom') ?? { id: 'custom', label: 'Custom', baseURL: '' };

export function initialValues(existing?: Profile, defaultName = ''): ProfileFormValues {
  if (existing)
    return {
      name: existing.name,
      baseURL: existing.baseURL,
      apiKey: '',
      refresh: existing.refreshSeconds?.toString() ?? '',
    };
  return { name: defaultName, baseURL: providerPresets[0]?.baseURL ?? '', apiKey: '', refresh: '' };
}

/** The preset a base URL belongs to: picked by its URL, so typing a URL by hand shows "Custom". */
export function presetOf(baseURL: string): ProviderPreset {
  const url = baseURL.trim().replace(/\/+$/, '');
  return providerPresets.find((p) => p.id !== 'custom' && p.baseURL === url) ?? custom;
}

/** Moves to the next (+1) or previous (-1) preset, round at either end (←→ on the provider field). */
export function choosePreset(values: ProfileFormValues, step: 1 | -1, followName: boolean): ProfileFormValues {
  const index = providerPresets.indexOf(presetOf(values.baseURL));
  const next = providerPresets[(index + step + providerPresets.length) % providerPresets.length] ?? custom;
  return pickPreset(values, next.id, followName);
}

/**
 * The preset `id` chosen, its base URL filled in. Choosing Custom empties a preset's URL for the
 * user to type, but keeps a URL they typed themselves.
 */
export function pickPreset(values: ProfileFormValues, id: string, followName: boolean): ProfileFormValues {
  const next = providerPresets.find((p) => p.id === id) ?? custom;
  const baseURL =
    next.id === 'custom' ? (presetOf(values.baseURL).id === 'custom' ? values.baseURL : '') : next.baseURL;
  // A name nobody typed follows the provider ("openai"), so the common case needs no typing.
  const untouchedName = values.name === '' || providerPresets.some((p) => p.id === values.name);
  return { ...values, baseURL, name: followName && untouchedName ? next.id : values.name };
}

export interface BuildContext {
  /** The profile being edited: its key is kept when the key field is left empty. */
  existing?: Profile;
  /** Names of the other profiles. */
  takenNames: readonly string[];
}

/** Checks the form as the config file will (profileSchema) and builds the profile to save. */
export function buildProfile(
  values: ProfileFormValues,
  context: BuildContext,
): { profile: Profile | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  const refreshText = values.refresh.trim();
  let refreshSeconds: number | undefined;
  if (refreshText !== '') {
    if (/^\d+$/.test(refreshText)) refreshSeconds = Number(refreshText);
    else errors.refresh = 'whole seconds, from 1 to 3600';
  }
  const apiKey = keyToSend(values, context.existing);
  const candidate: Record<string, unknown> = { ...context.existing, name, baseURL: values.baseURL.trim() };
  delete candidate.apiKey;
  delete candidate.refreshSeconds;
  if (apiKey) candidate.apiKey = apiKey;
  if (refreshSeconds !== undefined) candidate.refreshSeconds = refreshSeconds;

  const parsed = profileSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path[0]);
      // zod's own words for numbers ("Too small: expected number to be >=1") read badly here.
      const message = field === 'refresh' ? 'whole seconds, from 1 to 3600' : issue.message;
      errors[field] ??= message;
    }
  }
  if (!errors.name && context.takenNames.includes(name)) errors.name = `there is already a profile named '${name}'`;
  if (Object.keys(errors).length > 0 || !parsed.success) return { profile: null, errors };
  return { profile: parsed.data, errors };
}

/** The key the profile will hold: the one typed, else the stored one unless the user removed it. */
export function keyToSend(values: ProfileFormValues, existing?: Profile): string | undefined {
  if (values.apiKey) return values.apiKey;
  return values.removeStoredKey ? undefined : existing?.apiKey;
}

/** Only the base URL matters for "test connection"; the rest may still be half typed. */
export function baseURLError(values: ProfileFormValues): string | null {
  const parsed = profileSchema.shape.baseURL.safeParse(values.baseURL.trim());
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'not a URL');
}

/** Set when editing moves a stored key to another host: the user should know where it goes now. */
export function keyMovesTo(values: ProfileFormValues, existing?: Profile): string | null {
  if (!existing?.apiKey || values.apiKey || values.removeStoredKey) return null;
  const before = hostOf(existing.baseURL);
  const after = hostOf(values.baseURL.trim());
  return after && after !== before ? after : null;
}

function fieldOf(key: PropertyKey | undefined): FieldId {
  switch (key) {
    case 'name':
      return 'name';
    case 'apiKey':
      return 'apiKey';
    case 'refreshSeconds':
      return 'refresh';
    default:
      return 'baseURL';
  }
}
