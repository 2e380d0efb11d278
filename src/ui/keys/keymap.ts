import type { Key } from 'ink';
import type { Command, Scope } from './commands.js';

/**
 * The one table of keys. The input dispatcher, the footer hints and the help screen all read it,
 * so a key can never do one thing and be documented as another.
 */
export type { Command, NewBatchScope, PagerScope, ProfileFormScope, ResubmitScope, Scope } from './commands.js';

/** Scopes of a form whose focused field takes every printable key, so a chunk of keys is text, not commands. */
export const typingScopes: readonly Scope[] = ['form', 'formStoredKey'];

/**
 * Scopes that take only their own keys, never the global ones: a yes/no question, and a form whose
 * text fields need every printable key (only special keys are bound in 'form').
 */
export const isolatedScopes: readonly Scope[] = [
  'confirm',
  'menu',
  'form',
  'formStoredKey',
  'fileForm',
  'pickerPath',
  'newBatchForm',
  'upload',
  'uploadFailed',
  'viewer',
  'viewerBusy',
  'resubmit',
  'resubmitBusy',
];

/** A key as Ink reports it: a printable input, or a named special key, optionally with ctrl. */
export interface KeySpec {
  input?: string;
  special?:
    | 'upArrow'
    | 'downArrow'
    | 'leftArrow'
    | 'rightArrow'
    | 'pageUp'
    | 'pageDown'
    | 'return'
    | 'escape'
    | 'home'
    | 'end'
    | 'tab'
    | 'backspace'
    | 'delete';
  ctrl?: boolean;
  /** Only set where shift changes the meaning (shift-tab); unset matches either. */
  shift?: boolean;
}

export interface Binding {
  command: Command;
  keys: KeySpec[];
  /** How the keys are written in the footer and help, e.g. '↑↓/jk'. */
  label: string;
  /** Short footer text; the help screen uses `description`. */
  hint: string;
  description: string;
  scopes: Scope[];
  /** Footer order: lower first; bindings without a priority only appear in help. */
  footer?: number;
  /**
   * The key opens a text field: what was typed right after it, in the same chunk, is the field's.
   * 'withKey': the key is itself the text's first character (the `/` or `~` that starts a path).
   */
  opensText?: true | 'withKey';
}

/**
 * The pager in the console ('results') and alone (`fizz-batch view`: 'viewer', with no console to
 * go back to, so q quits and the console's keys are not offered). '…Busy' while a search or a
 * save runs in the background: esc then cancels it instead of leaving.
 */
const pager: Scope[] = ['results', 'resultsBusy', 'viewer', 'viewerBusy'];
const navigation: Scope[] = ['list', 'detail', 'models', 'profiles', 'help', 'files', 'picker', 'report', ...pager];

// One row a binding, so the table reads as a table (prettier would spread each row over ten lines).
// prettier-ignore
export const bindings: readonly Binding[] = [
  { command: 'up', keys: [{ special: 'upArrow' }, { input: 'k' }], label: '↑/k', hint: 'up', description: 'move up', scopes: navigation },
  { command: 'down', keys: [{ special: 'downArrow' }, { input: 'j' }], label: '↓/j', hint: 'down', description: 'move down', scopes: navigation, footer: 1 },
  { command: 'pageUp', keys: [{ special: 'pageUp' }, { input: 'b', ctrl: true }, { input: 'u', ctrl: true }], label: 'PgUp', hint: 'page up', description: 'one page up', scopes: navigation },
  { command: 'pageDown', keys: [{ special: 'pageDown' }, { input: 'f', ctrl: true }, { input: 'd', ctrl: true }], label: 'PgDn', hint: 'page down', description: 'one page down', scopes: navigation },
  { command: 'top', keys: [{ input: 'g' }, { special: 'home' }], label: 'g', hint: 'top', description: 'go to the top', scopes: navigation },
  { command: 'bottom', keys: [{ input: 'G' }, { special: 'end' }], label: 'G', hint: 'bottom', description: 'go to the bottom (in the job list: of the jobs loaded, and load the next page)', scopes: navigation },
  { command: 'open', keys: [{ special: 'return' }], label: 'enter', hint: 'open', description: 'open the selected job', scopes: ['list'], footer: 2 },
  { command: 'filter', keys: [{ input: '/' }], label: '/', hint: 'filter', description: 'filter jobs by text (id, status as shown, model, description); status:failed or status:in_progress,failed narrows by status', scopes: ['list'], footer: 3, opensText: true },
  { command: 'group', keys: [{ special: 'tab' }, { input: 's' }], label: 'tab', hint: 'status', description: 'cycle the status group: all, active, completed, failed/expired/cancelled', scopes: ['list'], footer: 4 },
  { command: 'cancelJob', keys: [{ input: 'c' }], label: 'c', hint: 'cancel job', description: 'cancel the job (asks first)', scopes: ['list', 'detail'], footer: 5 },
  { command: 'copyId', keys: [{ input: 'y' }], label: 'y', hint: 'copy id', description: "copy the job's id to the clipboard (OSC 52; it is also shown whole)", scopes: ['list', 'detail'], footer: 8 },
  { command: 'refresh', keys: [{ input: 'r' }], label: 'r', hint: 'refresh', description: 'refresh now', scopes: ['list', 'detail', 'models', 'files'], footer: 6 },
  { command: 'pause', keys: [{ input: ' ' }], label: 'space', hint: 'pause', description: 'pause or resume auto-refresh', scopes: ['list'], footer: 7 },
  { command: 'faster', keys: [{ input: '+' }, { input: '=' }], label: '+', hint: 'faster', description: 'refresh more often', scopes: ['list'] },
  { command: 'slower', keys: [{ input: '-' }], label: '-', hint: 'slower', description: 'refresh less often', scopes: ['list'] },
  { command: 'add', keys: [{ input: 'a' }], label: 'a', hint: 'add', description: 'add a profile', scopes: ['profiles'], footer: 2 },
  { command: 'edit', keys: [{ input: 'e' }], label: 'e', hint: 'edit', description: 'edit the selected profile', scopes: ['profiles'], footer: 3 },
  // After ↓/j down (1), as it always was.
  { command: 'activate', keys: [{ special: 'return' }], label: 'enter', hint: 'use', description: 'make the selected profile the active one and connect to it', scopes: ['profiles'], footer: 1.5 },
  { command: 'delete', keys: [{ input: 'd' }, { input: 'x' }], label: 'd', hint: 'delete', description: 'delete the selected profile (asks first)', scopes: ['profiles'], footer: 4 },
  { command: 'test', keys: [{ input: 't' }], label: 't', hint: 'test', description: 'test the connection (GET /v1/models)', scopes: ['profiles'], footer: 5 },
  { command: 'confirm', keys: [{ input: 'y' }, { input: 'Y' }], label: 'y', hint: 'yes', description: 'yes', scopes: ['confirm'], footer: 1 },
  { command: 'deny', keys: [{ input: 'n' }, { input: 'N' }, { special: 'escape' }, { special: 'return' }, { input: 'q' }], label: 'n/enter', hint: 'no', description: 'no (the default)', scopes: ['confirm'], footer: 2 },
  // Forms (profile setup, add, edit): letters belong to the focused field, so only special keys here.
  { command: 'fieldNext', keys: [{ special: 'tab', shift: false }, { special: 'downArrow' }], label: 'tab/↓', hint: 'next field', description: 'next field', scopes: ['form', 'formStoredKey', 'fileForm'], footer: 1 },
  { command: 'fieldPrev', keys: [{ special: 'tab', shift: true }, { special: 'upArrow' }], label: 'S-tab/↑', hint: 'previous', description: 'previous field', scopes: ['form', 'formStoredKey', 'fileForm'], footer: 2 },
  { command: 'fieldEnter', keys: [{ special: 'return' }], label: 'enter', hint: 'next/press', description: 'next field; on a button, press it', scopes: ['form', 'formStoredKey', 'fileForm'], footer: 3 },
  { command: 'optionNext', keys: [{ special: 'rightArrow' }], label: '←→', hint: 'provider', description: 'next provider preset (on the provider field)', scopes: ['form'], footer: 4 },
  { command: 'optionPrev', keys: [{ special: 'leftArrow' }], label: '←', hint: 'provider', description: 'previous provider preset (on the provider field)', scopes: ['form'] },
  // A pick-one field (provider, completion window, endpoint) opens its list (SelectMenu); ←→ still step through it.
  { command: 'openMenu', keys: [{ input: ' ' }], label: 'space', hint: 'list', description: 'open the list of choices (on a choice field)', scopes: ['form', 'formStoredKey', 'fileForm', 'newBatchForm'], footer: 5 },
  // The open list of a pick-one field: isolated, so its letters never reach the form or the app.
  { command: 'down', keys: [{ special: 'downArrow' }, { input: 'j' }, { special: 'tab', shift: false }], label: '↑↓/jk', hint: 'choose', description: 'next choice in the list (round at the end)', scopes: ['menu'], footer: 1 },
  { command: 'up', keys: [{ special: 'upArrow' }, { input: 'k' }, { special: 'tab', shift: true }], label: '↑/k', hint: 'choose', description: 'previous choice in the list (round at the start)', scopes: ['menu'] },
  { command: 'top', keys: [{ input: 'g' }, { special: 'home' }], label: 'g', hint: 'first', description: 'first choice', scopes: ['menu'] },
  { command: 'bottom', keys: [{ input: 'G' }, { special: 'end' }], label: 'G', hint: 'last', description: 'last choice', scopes: ['menu'] },
  { command: 'choose', keys: [{ special: 'return' }, { input: ' ' }], label: 'enter', hint: 'take', description: 'take the highlighted choice and close the list', scopes: ['menu'], footer: 2 },
  { command: 'back', keys: [{ special: 'escape' }], label: 'esc', hint: 'keep', description: 'close the list, keeping the choice there was', scopes: ['menu'], footer: 31 },
  { command: 'forceQuit', keys: [{ input: 'c', ctrl: true }], label: 'ctrl-c', hint: 'quit', description: 'quit', scopes: ['menu'], footer: 32 },
  // Editing a profile that has a key: on the key field, remove it (the form says so; saving writes the file without it).
  { command: 'removeKey', keys: [{ input: 'x', ctrl: true }], label: 'ctrl-x', hint: 'remove key', description: 'remove the stored key when the profile is saved (ctrl-x again keeps it)', scopes: ['formStoredKey'], footer: 4 },
  { command: 'back', keys: [{ special: 'escape' }], label: 'esc', hint: 'cancel', description: 'cancel the form (nothing is saved)', scopes: ['form', 'formStoredKey', 'fileForm'], footer: 31 },
  { command: 'forceQuit', keys: [{ input: 'c', ctrl: true }], label: 'ctrl-c', hint: 'quit', description: 'quit', scopes: ['form', 'formStoredKey', 'fileForm'], footer: 32 },
  // Job detail: its files in the results pager, and a new batch of what failed.
  { command: 'openOutput', keys: [{ input: 'o' }], label: 'o', hint: 'output', description: 'read the output file in the results pager, joined with the input', scopes: ['detail'], footer: 4 },
  { command: 'openErrors', keys: [{ input: 'e' }], label: 'e', hint: 'errors', description: 'read the error file in the results pager, joined with the input', scopes: ['detail'], footer: 4.5 },
  { command: 'resubmit', keys: [{ input: 'R' }], label: 'R', hint: 'resubmit failed', description: 'a finished job: resubmit its failed and expired requests as a new batch', scopes: ['detail'], footer: 5.5 },
  // Files screen (f): view, delete, and a batch from a file uploaded before; its batch form chooses with ←→.
  { command: 'open', keys: [{ special: 'return' }, { input: 'v' }], label: 'enter/v', hint: 'view', description: 'read the selected file in the results pager', scopes: ['files'], footer: 2 },
  { command: 'delete', keys: [{ input: 'd' }], label: 'd', hint: 'delete', description: 'delete the selected file (asks first)', scopes: ['files'], footer: 3 },
  { command: 'createBatch', keys: [{ input: 'b' }], label: 'b', hint: 'batch', description: 'create a batch from the selected file (purpose batch)', scopes: ['files'], footer: 4 },
  { command: 'optionNext', keys: [{ special: 'rightArrow' }], label: '←→', hint: 'choose', description: 'next choice (endpoint, completion window)', scopes: ['fileForm'], footer: 4 },
  { command: 'optionPrev', keys: [{ special: 'leftArrow' }], label: '←', hint: 'choose', description: 'previous choice (endpoint, completion window)', scopes: ['fileForm'] },
  // New batch (n): picker → report → form → upload. Typing a path and the form are isolated (letters are text); so are
  // the upload and its failure, so that no key leaves the screen while a file is on its way.
  { command: 'newBatch', keys: [{ input: 'n' }], label: 'n', hint: 'new batch', description: 'new batch: pick a .jsonl file, check it, upload it, create the batch', scopes: ['list'], footer: 2.5 },
  { command: 'open', keys: [{ special: 'return' }, { special: 'rightArrow' }, { input: 'l' }], label: 'enter', hint: 'open', description: 'open the directory, or check the selected file', scopes: ['picker'], footer: 2 },
  { command: 'parentDir', keys: [{ special: 'leftArrow' }, { input: 'h' }, { special: 'backspace' }], label: '←', hint: 'up a dir', description: 'go up one directory', scopes: ['picker'], footer: 3 },
  { command: 'typePath', keys: [{ input: '/' }, { input: '~' }], label: '/', hint: 'type path', description: 'type or paste a path: / from the root, ~ from home, else from this directory', scopes: ['picker'], footer: 4, opensText: 'withKey' },
  { command: 'dotFiles', keys: [{ input: '.' }], label: '.', hint: 'dot-files', description: 'show or hide dot-files (names starting with a dot)', scopes: ['picker'], footer: 5 },
  { command: 'back', keys: [{ input: 'q' }, { special: 'escape' }], label: 'q', hint: 'back', description: 'back to the job list (esc works too)', scopes: ['picker'], footer: 31 },
  { command: 'complete', keys: [{ special: 'tab' }], label: 'tab', hint: 'complete', description: 'complete the path', scopes: ['pickerPath'], footer: 1 },
  { command: 'open', keys: [{ special: 'return' }], label: 'enter', hint: 'open', description: 'open the directory, or check the file (on an empty field: stop typing)', scopes: ['pickerPath'], footer: 2 },
  { command: 'back', keys: [{ special: 'escape' }], label: 'esc', hint: 'stop typing', description: 'back to the list of files', scopes: ['pickerPath'], footer: 31 },
  { command: 'continue', keys: [{ special: 'return' }], label: 'enter', hint: 'continue', description: 'continue to the form (only when the file has no errors)', scopes: ['report'], footer: 2 },
  { command: 'back', keys: [{ input: 'q' }, { special: 'escape' }, { special: 'leftArrow' }], label: 'q', hint: 'other file', description: 'back to the picker, to pick another file (esc works too)', scopes: ['report'], footer: 31 },
  { command: 'fieldNext', keys: [{ special: 'tab', shift: false }, { special: 'downArrow' }], label: 'tab/↓', hint: 'next field', description: 'next field', scopes: ['newBatchForm'], footer: 1 },
  { command: 'fieldPrev', keys: [{ special: 'tab', shift: true }, { special: 'upArrow' }], label: 'S-tab/↑', hint: 'previous', description: 'previous field', scopes: ['newBatchForm'], footer: 2 },
  { command: 'fieldEnter', keys: [{ special: 'return' }], label: 'enter', hint: 'next/upload', description: 'next field; on Upload, upload the file and create the batch', scopes: ['newBatchForm'], footer: 3 },
  { command: 'optionNext', keys: [{ special: 'rightArrow' }], label: '←→', hint: 'window', description: 'next completion window (on the window field)', scopes: ['newBatchForm'], footer: 4 },
  { command: 'optionPrev', keys: [{ special: 'leftArrow' }], label: '←', hint: 'window', description: 'previous completion window (on the window field)', scopes: ['newBatchForm'] },
  { command: 'back', keys: [{ special: 'escape' }], label: 'esc', hint: 'back', description: 'back to the report (nothing is uploaded)', scopes: ['newBatchForm'], footer: 31 },
  { command: 'cancelStep', keys: [{ input: 'q' }, { special: 'escape' }], label: 'q/esc', hint: 'cancel', description: 'cancel the check or the upload: nothing is created', scopes: ['upload'], footer: 1 },
  { command: 'retry', keys: [{ input: 'r' }], label: 'r', hint: 'retry', description: 'try again (an upload starts over; a create reuses the uploaded file)', scopes: ['uploadFailed'], footer: 1 },
  { command: 'back', keys: [{ input: 'q' }, { special: 'escape' }], label: 'q/esc', hint: 'back', description: 'back to the form', scopes: ['uploadFailed'], footer: 31 },
  { command: 'forceQuit', keys: [{ input: 'c', ctrl: true }], label: 'ctrl-c', hint: 'quit', description: 'quit (asks first while an upload runs)', scopes: ['pickerPath', 'newBatchForm', 'upload', 'uploadFailed'], footer: 32 },
  { command: 'cancelStep', keys: [{ input: 'q' }, { special: 'escape' }], label: 'q/esc', hint: 'stop', description: "stop reading the job's files: nothing is created", scopes: ['resubmitBusy'], footer: 1 },
  { command: 'continue', keys: [{ special: 'return' }], label: 'enter', hint: 'continue', description: 'go on to the new batch: check the file, then upload it and create the batch', scopes: ['resubmit'], footer: 1 },
  { command: 'back', keys: [{ input: 'q' }, { special: 'escape' }, { input: 'n' }], label: 'q/esc', hint: 'close', description: 'close: nothing is created', scopes: ['resubmit'], footer: 31 },
  { command: 'forceQuit', keys: [{ input: 'c', ctrl: true }], label: 'ctrl-c', hint: 'quit', description: 'quit', scopes: ['resubmit', 'resubmitBusy'], footer: 32 },
  // Results pager. Text fields (/ : and the save path) take the 'text' scope while open, so letters type.
  { command: 'cancelStep', keys: [{ special: 'escape' }], label: 'esc', hint: 'cancel', description: 'cancel the search or the save that is running', scopes: ['resultsBusy', 'viewerBusy'], footer: 0.5 },
  { command: 'search', keys: [{ input: '/' }], label: '/', hint: 'search', description: 'search the whole file for text (case-insensitive); runs in the background, esc cancels', scopes: pager, footer: 2, opensText: true },
  { command: 'nextMatch', keys: [{ input: 'n' }], label: 'n/N', hint: 'next/prev', description: 'next match of the search', scopes: pager, footer: 3 },
  { command: 'prevMatch', keys: [{ input: 'N' }], label: 'N', hint: 'previous', description: 'previous match of the search', scopes: pager },
  { command: 'nextError', keys: [{ input: 'E' }], label: 'E', hint: 'next error', description: 'next error line', scopes: pager, footer: 4 },
  { command: 'errorsOnly', keys: [{ input: 'x' }], label: 'x', hint: 'errors only', description: 'show only error lines, or every line again', scopes: pager, footer: 5 },
  { command: 'jump', keys: [{ input: ':' }], label: ':', hint: 'line', description: 'jump to a line number', scopes: pager, footer: 6, opensText: true },
  { command: 'rawView', keys: [{ input: 'v' }], label: 'v', hint: 'raw', description: 'raw JSON of each line, or the record view', scopes: pager, footer: 7 },
  { command: 'inputPanel', keys: [{ input: 'i' }], label: 'i', hint: 'input', description: 'show or hide the matching input request', scopes: pager, footer: 8 },
  { command: 'save', keys: [{ input: 's' }], label: 's', hint: 'save', description: 'save the file to a path (asks before overwriting)', scopes: pager, footer: 9 },
  { command: 'saveJoined', keys: [{ input: 'J' }], label: 'J', hint: 'save joined', description: 'save as joined JSONL: custom_id, request, response, error on each line', scopes: pager, footer: 10 },
  { command: 'retry', keys: [{ input: 'r' }], label: 'r', hint: 'retry', description: 'retry a download that failed or stalled, of the file or of its input (it resumes where it stopped)', scopes: pager },
  // A job's file opened from its detail: the other file of the same job, without going back.
  { command: 'openOutput', keys: [{ input: 'o' }], label: 'o', hint: 'output file', description: "the job's output file instead of its error file", scopes: ['results', 'resultsBusy'], footer: 11 },
  { command: 'openErrors', keys: [{ input: 'e' }], label: 'e', hint: 'error file', description: "the job's error file instead of its output file (where the failures are)", scopes: ['results', 'resultsBusy'], footer: 4.5 },
  { command: 'back', keys: [{ input: 'q' }, { special: 'escape' }], label: 'q', hint: 'back', description: 'back to where the pager was opened from (esc works too)', scopes: ['results'], footer: 31 },
  // While a search or a save runs, esc cancels it (cancelStep): only q leaves.
  { command: 'back', keys: [{ input: 'q' }], label: 'q', hint: 'back', description: 'back to where the pager was opened from', scopes: ['resultsBusy'], footer: 31 },
  { command: 'quit', keys: [{ input: 'q' }, { special: 'escape' }], label: 'q', hint: 'quit', description: 'quit (esc works too)', scopes: ['viewer'], footer: 31 },
  { command: 'quit', keys: [{ input: 'q' }], label: 'q', hint: 'quit', description: 'quit', scopes: ['viewerBusy'], footer: 31 },
  { command: 'forceQuit', keys: [{ input: 'c', ctrl: true }], label: 'ctrl-c', hint: 'quit', description: 'quit', scopes: ['viewer', 'viewerBusy'] },
  { command: 'models', keys: [{ input: 'm' }], label: 'm', hint: 'models', description: 'models of this provider', scopes: ['global'], footer: 20 },
  { command: 'profiles', keys: [{ input: 'p' }], label: 'p', hint: 'profiles', description: 'profiles and keys', scopes: ['global'], footer: 21 },
  { command: 'files', keys: [{ input: 'f' }], label: 'f', hint: 'files', description: 'uploaded files', scopes: ['global'], footer: 22 },
  { command: 'help', keys: [{ input: '?' }], label: '?', hint: 'help', description: 'show every key of this screen', scopes: ['global'], footer: 30 },
  { command: 'back', keys: [{ input: 'q' }, { special: 'escape' }, { special: 'leftArrow' }, { input: 'h' }], label: 'q', hint: 'back', description: 'go back (esc works too)', scopes: ['detail', 'models', 'profiles', 'help', 'files'], footer: 31 },
  { command: 'quit', keys: [{ input: 'q' }], label: 'q', hint: 'quit', description: 'quit', scopes: ['list'], footer: 31 },
  { command: 'forceQuit', keys: [{ input: 'c', ctrl: true }], label: 'ctrl-c', hint: 'quit', description: 'quit from anywhere', scopes: ['global'] },
  { command: 'suspend', keys: [{ input: 'z', ctrl: true }], label: 'ctrl-z', hint: 'suspend', description: 'suspend to the shell from anywhere (fg comes back)', scopes: ['global'] },
];

function matches(spec: KeySpec, input: string, key: Key): boolean {
  if (Boolean(spec.ctrl) !== key.ctrl) return false;
  if (spec.shift !== undefined && spec.shift !== key.shift) return false;
  if (spec.special) return key[spec.special] === true;
  return spec.input !== undefined && input === spec.input;
}

/** The command a key press means on a screen: the screen's own bindings first, then the global ones. */
export function commandFor(scope: Scope, input: string, key: Key): Command | undefined {
  const own = bindings.find((b) => b.scopes.includes(scope) && b.keys.some((k) => matches(k, input, key)));
  if (own) return own.command;
  if (isolatedScopes.includes(scope)) return undefined;
  return bindings.find((b) => b.scopes.includes('global') && b.keys.some((k) => matches(k, input, key)))?.command;
}

/** How the key opens a text field on this screen (see Binding.opensText); undefined when it opens none. */
export function opensTextField(scope: Scope, input: string, key: Key): Binding['opensText'] {
  return bindings.find(
    (b) => b.opensText !== undefined && b.scopes.includes(scope) && b.keys.some((k) => matches(k, input, key)),
  )?.opensText;
}

/**
 * Commands of a screen that do nothing on what it shows now (`c` on a finished job, `enter
 * continue` on a report with errors): the screen says so when it registers its keys (useCommands),
 * and the footer and the help leave them out, so neither offers a key that does nothing.
 */
export type Unavailable = ReadonlySet<Command>;

const allAvailable: Unavailable = new Set();

/** Bindings for the footer of a screen, in footer order, without the ones that do nothing now. */
export function footerBindings(scope: Scope, unavailable: Unavailable = allAvailable): Binding[] {
  return bindings
    .filter(
      (b) =>
        b.footer !== undefined &&
        (b.scopes.includes(scope) || (!isolatedScopes.includes(scope) && b.scopes.includes('global'))),
    )
    .filter((b) => !(b.scopes.includes(scope) && unavailable.has(b.command)))
    .sort((a, b) => a.footer! - b.footer!);
}

/** Every binding that works on a screen now, for the help screen: the screen's own, then the global ones. */
export function helpBindings(
  scope: Scope,
  unavailable: Unavailable = allAvailable,
): { own: Binding[]; global: Binding[] } {
  return {
    own: bindings.filter((b) => b.scopes.includes(scope) && !unavailable.has(b.command)),
    global: bindings.filter((b) => b.scopes.includes('global')),
  };
}

/**
 * How a command's key is written on a screen (the footer's label: 'r', 'q/esc', '←→'), for the hints
 * and messages that name it ("r retries", "e opens it"): the screen's own binding, else the global one.
 * A hint naming a key the scope does not bind is a mistake, caught here rather than shown wrong.
 */
export function keyLabel(command: Command, scope: Scope): string {
  const own = bindings.find((b) => b.command === command && b.scopes.includes(scope));
  const binding =
    own ??
    (isolatedScopes.includes(scope)
      ? undefined
      : bindings.find((b) => b.command === command && b.scopes.includes('global')));
  if (!binding) throw new Error(`No key for ${command} in the ${scope} scope`);
  return binding.label;
}
