// What a batch is created with, besides its file: the endpoint, the completion window, the
// description and other metadata. One set of rules for every way a batch is made (a new file, an
// uploaded file from the files screen, `submit`, a resubmit), so each refuses the same things with
// the same words, and none quietly cuts a value short.
import type { Profile } from '../config/index.js';
import { DEFAULT_ENDPOINTS } from './validate/index.js';

/** What the forms offer (OpenAI's batch endpoints for text requests). */
export const BATCH_ENDPOINTS: readonly string[] = DEFAULT_ENDPOINTS;
export const DEFAULT_BATCH_ENDPOINT = '/v1/chat/completions';
/** OpenAI accepts only 24h; a profile may list more (fizz.ai-style providers). */
export const DEFAULT_COMPLETION_WINDOW = '24h';

/** OpenAI's limits on batch metadata: keys, key length, value length (the description is a value). */
export const MAX_METADATA_KEYS = 16;
export const MAX_METADATA_KEY_LENGTH = 64;
export const MAX_METADATA_VALUE_LENGTH = 512;
export const MAX_DESCRIPTION_LENGTH = MAX_METADATA_VALUE_LENGTH;

/** The completion windows a profile offers, and the one to start on: 24h when offered, else the first. */
export function completionWindowsOf(profile: Pick<Profile, 'completionWindows'> | null | undefined): {
  windows: string[];
  initial: string;
} {
  return completionWindowsFrom(profile?.completionWindows);
}

/** As completionWindowsOf, from the list itself (none or empty: OpenAI's one window). */
export function completionWindowsFrom(listed: readonly string[] | null | undefined): {
  windows: string[];
  initial: string;
} {
  const windows = listed && listed.length > 0 ? [...listed] : [DEFAULT_COMPLETION_WINDOW];
  return { windows, initial: windows.includes(DEFAULT_COMPLETION_WINDOW) ? DEFAULT_COMPLETION_WINDOW : windows[0]! };
}

/** What is wrong with a description (trimmed as it is stored), worded for the user; null when nothing. */
export function descriptionProblem(description: string): string | null {
  const length = description.trim().length;
  return length > MAX_DESCRIPTION_LENGTH
    ? `The description has ${length} characters; at most ${MAX_DESCRIPTION_LENGTH} are allowed.`
    : null;
}

/** What is wrong with batch metadata under OpenAI's limits, worded for the user; null when nothing. */
export function metadataProblem(metadata: Readonly<Record<string, string>>): string | null {
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_KEYS)
    return `The batch metadata has ${entries.length} keys; at most ${MAX_METADATA_KEYS} are allowed.`;
  for (const [key, value] of entries) {
    if (key.length > MAX_METADATA_KEY_LENGTH)
      return `The metadata key ${key.slice(0, 20)}… has ${key.length} characters; at most ${MAX_METADATA_KEY_LENGTH} are allowed.`;
    if (key === 'description') {
      const problem = descriptionProblem(value);
      if (problem) return problem;
    } else if (value.length > MAX_METADATA_VALUE_LENGTH)
      return `The metadata value of ${key} has ${value.length} characters; at most ${MAX_METADATA_VALUE_LENGTH} are allowed.`;
  }
  return null;
}

/** The metadata a batch is created with: `extra` (e.g. resubmit_of) and the trimmed description when there is one. */
export function batchMetadata(
  description: string | undefined,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const trimmed = description?.trim() ?? '';
  return { ...extra, ...(trimmed ? { description: trimmed } : {}) };
}

/** What is wrong with these options for a batch; null when they can be sent. */
export function batchOptionsProblem(options: {
  completionWindow: string;
  windows: readonly string[];
  metadata: Readonly<Record<string, string>>;
}): string | null {
  if (!options.windows.includes(options.completionWindow))
    return `Choose a completion window: ${options.windows.join(', ')}.`;
  return metadataProblem(options.metadata);
}
