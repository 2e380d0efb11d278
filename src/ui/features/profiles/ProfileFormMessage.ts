/** The profile form's last line, and the names it gives the fields. */
import { defaultRefreshSeconds, type Profile } from '../../../config/index.js';
import { keyLabel } from '../../keys/keymap.js';
import type { ConnectionTest } from './useProfiles.js';
import { keyMovesTo, type FieldId, type ProfileFormValues } from './ProfileFormModel.js';

export type ProfileFormMode = 'setup' | 'add' | 'edit';
export type ProfileFormRow = FieldId | 'test' | 'save';

export const fieldLabels: Record<FieldId, string> = {
  name: 'Name',
  provider: 'Provider',
  baseURL: 'Base URL',
  apiKey: 'API key',
  refresh: 'Refresh',
};

export interface MessageInput {
  row: ProfileFormRow;
  errors: Partial<Record<FieldId, string>>;
  saveError: string | null;
  test: ConnectionTest;
  mode: ProfileFormMode;
  values: ProfileFormValues;
  existing: Profile | undefined;
  storedKey: string | null;
  configPath: string | null;
}

/** The form's last line: what went wrong, else what the focused field is for. */
export function messageLine(input: MessageInput): { text: string; tone: 'danger' | 'warning' | 'muted' } {
  const { row, errors, saveError, test, storedKey } = input;
  const removing = Boolean(storedKey && input.values.removeStoredKey);
  if (saveError) return { text: `✗ ${saveError}`, tone: 'danger' };
  if (row !== 'test' && row !== 'save' && errors[row]) return { text: `✗ ${errors[row]}`, tone: 'danger' };
  if (row === 'test' && test.status === 'failed') return { text: `✗ ${test.message}`, tone: 'danger' };
  // A problem elsewhere outranks the focused field's hint: its own row may have cut it short.
  const other = (Object.keys(fieldLabels) as FieldId[]).find((field) => errors[field]);
  if (other) return { text: `✗ ${fieldLabels[other]}: ${errors[other]}`, tone: 'danger' };
  switch (row) {
    case 'name':
      return { text: 'A short name, e.g. work (letters, digits, . _ -).', tone: 'muted' };
    case 'provider':
      return {
        text: `${keyLabel('optionNext', 'form')} or ${keyLabel('openMenu', 'form')} (a list) picks a provider, filling the URL; Custom for any other.`,
        tone: 'muted',
      };
    case 'baseURL':
      return { text: 'The API root with its version, e.g. http://host:8080/v1', tone: 'muted' };
    case 'apiKey': {
      const removeKey = keyLabel('removeKey', 'formStoredKey');
      if (removing)
        return {
          text: `! The stored key ${storedKey} will be removed on save; ${removeKey} keeps it.`,
          tone: 'warning',
        };
      const movedTo = keyMovesTo(input.values, input.existing);
      if (movedTo)
        return {
          text: `! The stored key ${storedKey} will be sent to ${movedTo}; ${removeKey} removes it.`,
          tone: 'warning',
        };
      if (storedKey)
        return {
          text: `Typed hidden. Empty keeps the stored key ${storedKey}; ${removeKey} removes it.`,
          tone: 'muted',
        };
      return { text: 'Typed hidden; paste works. Empty: no key is sent.', tone: 'muted' };
    }
    case 'refresh':
      return { text: `Job list refresh, in seconds (1–3600; default ${defaultRefreshSeconds}).`, tone: 'muted' };
    case 'test':
      return {
        text: `Asks the server for its models with this URL and ${removing ? 'no key' : 'key'}.`,
        tone: 'muted',
      };
    case 'save':
      // Said first: a long config path may be cut off at the end of the line.
      if (removing)
        return {
          text: `! Removes the stored key ${storedKey}; ${input.configPath ? `saves to ${tildePath(input.configPath)} (mode 0600)` : 'this session only'}.`,
          tone: 'warning',
        };
      if (!input.configPath) return { text: 'Kept for this session only: the demo writes no file.', tone: 'muted' };
      return { text: `Saves to ${tildePath(input.configPath)} (mode 0600).`, tone: 'muted' };
  }
}

/** ~/… for the home directory: shorter, and the same on every screen. */
export function tildePath(path: string): string {
  const home = process.env.HOME;
  return home && path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}
