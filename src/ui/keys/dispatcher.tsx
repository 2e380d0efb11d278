import { useInput, type Key } from 'ink';
import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useSuspend } from '../terminal/job-control.js';
import {
  bindings,
  commandFor,
  opensTextField,
  typingScopes,
  type Binding,
  type Command,
  type Scope,
  type Unavailable,
} from './keymap.js';

/** Returns false when the command is not the handler's to take, so it falls through to the app. */
export type CommandHandler = (command: Command) => boolean | void;

/**
 * The app's handler of what no screen took. `from`: the scope that had the keys (the top of the
 * stack, else the fallback) and what it said does nothing now: `?` shows the help of that scope.
 */
export type AppCommandHandler = (command: Command, from: CommandSource) => void;

export interface CommandSource {
  scope: Scope;
  unavailable: Unavailable;
}

interface Registration {
  scope: Scope | 'text';
  handler: { current: CommandHandler };
  unavailable: Unavailable;
}

/** The scope that has the keys now, and which of its commands do nothing now: what the footer offers. */
export interface ActiveKeys {
  scope: Scope | 'text';
  unavailable: Unavailable;
}

const none: Unavailable = new Set();

interface Dispatcher {
  register: (registration: Registration) => () => void;
  /** A registration's unavailable commands changed (the job it shows finished): the footer follows. */
  changed: () => void;
  /** What was typed in the same chunk after the key that opened a text field; taken once. */
  takeTypeahead: () => string;
  /** Whether this chunk is a form's, typed fast with tabs in it: split here, not typed whole by the field. */
  isFormChunk: (input: string) => boolean;
  /** Listens for the runs of text of such a chunk; each goes to the field focused when it comes. */
  onFormText: (listener: (text: string) => void) => () => void;
}

const DispatcherContext = createContext<Dispatcher | null>(null);
const ActiveScopeContext = createContext<ActiveKeys | null>(null);

/** The scope that receives keys now: what the footer describes. */
export function useActiveScope(): Scope | 'text' | null {
  return useContext(ActiveScopeContext)?.scope ?? null;
}

/** The scope that receives keys now and the commands of it that do nothing now. */
export function useActiveKeys(): ActiveKeys | null {
  return useContext(ActiveScopeContext);
}

/**
 * The one key handler of the app. Screens and modals register the scope they are in; the newest
 * registration (a modal over a screen, a text field over its screen) gets the keys first. While a
 * text field has focus, letters are the field's, so only ctrl-c and esc are read here.
 */
export function KeyDispatcher({
  onCommand,
  fallbackScope,
  children,
}: {
  onCommand: AppCommandHandler;
  fallbackScope: Scope;
  children: ReactNode;
}) {
  const stack = useRef<Registration[]>([]);
  const suspend = useSuspend();
  const [activeScope, setActiveKeys] = useState<ActiveKeys | null>(null);
  const showTop = () => {
    const top = stack.current.at(-1);
    setActiveKeys((current) =>
      top
        ? current?.scope === top.scope && current.unavailable === top.unavailable
          ? current
          : { scope: top.scope, unavailable: top.unavailable }
        : null,
    );
  };
  const typeahead = useRef('');
  const formText = useRef(new Set<(text: string) => void>());
  /** A chunk of more than one character with a tab in it, while a form (tab: next field) has the keys. */
  const isFormChunk = (input: string): boolean => {
    const top = stack.current.at(-1);
    return (
      input.length > 1 && input.includes('\t') && top !== undefined && top.scope !== 'text' && formScopes.has(top.scope)
    );
  };
  const dispatcher = useRef<Dispatcher>({
    isFormChunk,
    onFormText(listener) {
      formText.current.add(listener);
      return () => void formText.current.delete(listener);
    },
    takeTypeahead() {
      const text = typeahead.current;
      typeahead.current = '';
      return text;
    },
    register(registration) {
      stack.current.push(registration);
      showTop();
      return () => {
        stack.current = stack.current.filter((r) => r !== registration);
        showTop();
      };
    },
    changed: showTop,
  });
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;
  const fallbackRef = useRef(fallbackScope);
  fallbackRef.current = fallbackScope;

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      const top = stack.current.at(-1);
      onCommandRef.current('forceQuit', {
        scope: top && top.scope !== 'text' ? top.scope : fallbackRef.current,
        unavailable: none,
      });
      return;
    }
    // Like ctrl-c, ctrl-z works on every screen, in a text field or a question too.
    if (commandFor('global', input, key) === 'suspend') {
      suspend();
      return;
    }
    // A held key, or keys typed faster than a frame (over SSH), arrive as one chunk ("jjj"):
    // outside a text field each character is its own key press, each after the frame of the one
    // before, so that "Gc" cancels the job G selected, not the one selected before. A longer
    // mixed chunk is a paste, not keys: it must not quit on the q in "quarterly".
    const chars = [...input];
    const keystrokes = chars.length > 1 && (chars.length <= 3 || chars.every((ch) => ch === chars[0]));
    const top = stack.current.at(-1);
    // A form typed faster than a frame ("mine⇥⇥https://…" over SSH): every tab moves the focus one
    // field, and each run of text goes to the field focused when it comes (a form's focus is read
    // from a ref, so this works within one chunk). The fields leave such a chunk to this.
    if (!key.ctrl && !key.meta && isFormChunk(input)) {
      for (const run of input.split(/(\t)/)) {
        if (run === '\t') dispatch('', { ...key, tab: true, shift: false });
        else if (run) for (const listener of formText.current) listener(run);
      }
      return;
    }
    const typing = top !== undefined && (top.scope === 'text' || typingScopes.includes(top.scope));
    // "/error⏎" typed fast: the / opens the filter or search field, and the rest is typed into it
    // (the field takes it when it mounts, see useTypeahead), enter included. A key that is itself
    // the first character of the text (the / of "/tmp/x.jsonl" in the picker) goes in with it.
    const opens = chars.length > 0 ? textOpenedBy(chars[0]!, key) : undefined;
    if (opens !== undefined && (chars.length > 1 || opens === 'withKey')) {
      typeahead.current = (opens === 'withKey' ? chars : chars.slice(1)).join('');
      dispatch(chars[0]!, key);
      setPulse((n) => n + 1);
      return;
    }
    if (keystrokes && !key.ctrl && !key.meta && !typing) {
      const [first, ...rest] = chars;
      dispatch(...asKeyPress(first!, key));
      pending.current.push(...rest.map((ch) => asKeyPress(ch, key)));
      setPulse((n) => n + 1);
      return;
    }
    dispatch(input, key);
  });

  // The rest of a chunk, one key per commit: this layout effect runs after the commit of what the
  // key before changed, once the screen it opened has registered its keys (children's layout
  // effects run first). So "vqR" reaches the pager, then the detail the q went back to.
  const pending = useRef<Array<[string, Key]>>([]);
  const [pulse, setPulse] = useState(0);
  useLayoutEffect(() => {
    // Typeahead no field took (the key did not open one after all) is dropped, not read as keys.
    typeahead.current = '';
    const next = pending.current.shift();
    if (!next) return;
    // A key of the chunk that opens a text field ("j/t" typed fast, "n/" then the picker's "/tmp"):
    // the keys after it are the field's text, as for a chunk that starts with it; the / that
    // starts a path is the path's first character.
    const opens = textOpenedBy(...next);
    if (opens !== undefined) {
      const rest = pending.current.splice(0).map(([input, key]) => asText(input, key));
      typeahead.current = (opens === 'withKey' ? next[0] : '') + rest.join('');
    }
    dispatch(...next);
    setPulse((n) => n + 1);
  }, [pulse]);

  /** How the key opens a text field in the scope that has the keys now (see Binding.opensText). */
  function textOpenedBy(input: string, key: Key): Binding['opensText'] {
    const top = stack.current.at(-1);
    const scope = top ? (top.scope === 'text' ? null : top.scope) : fallbackRef.current;
    return scope && !key.ctrl && !key.meta ? opensTextField(scope, input, key) : undefined;
  }

  function dispatch(input: string, key: Key): void {
    const top = stack.current.at(-1);
    if (!top) {
      // A screen that takes no keys of its own still answers the global ones.
      const command = commandFor(fallbackRef.current, input, key);
      if (command) onCommandRef.current(command, { scope: fallbackRef.current, unavailable: none });
      return;
    }
    if (top.scope === 'text') {
      if (key.escape) top.handler.current('back');
      return;
    }
    const command = commandFor(top.scope, input, key);
    if (!command) return;
    if (top.handler.current(command) === false)
      onCommandRef.current(command, { scope: top.scope, unavailable: top.unavailable });
  }

  return (
    <DispatcherContext.Provider value={dispatcher.current}>
      <ActiveScopeContext.Provider value={activeScope}>{children}</ActiveScopeContext.Provider>
    </DispatcherContext.Provider>
  );
}

/** One character of a chunk as the key press it stands for: "jj\r" is j, j, enter. */
function asKeyPress(char: string, key: Key): [string, Key] {
  if (char === '\r' || char === '\n') return ['', { ...key, return: true }];
  if (char === '\t') return ['', { ...key, tab: true }];
  if (char === '\u007f' || char === '\b') return ['', { ...key, backspace: true }];
  return [char, key];
}

/** A key press back as the text it was typed as, for a field that takes it as typeahead. */
function asText(input: string, key: Key): string {
  if (key.return) return '\r';
  if (key.tab) return '\t';
  if (key.backspace) return '\u007f';
  return input;
}

/**
 * For a text field when it opens: the text typed after the key that opened it, in the same chunk
 * (over SSH "/error⏎" often arrives as one read). Empty when there is none, or outside a dispatcher.
 */
export function useTypeahead(): () => string {
  const dispatcher = useContext(DispatcherContext);
  return dispatcher ? dispatcher.takeTypeahead : () => '';
}

/** Scopes of a form: tab moves to the next field there. */
const formScopes = new Set<Scope>(bindings.filter((b) => b.command === 'fieldNext').flatMap((b) => b.scopes));

/**
 * For a form's text field: the runs of text of a chunk typed fast with tabs in it ("mine⇥https://…"),
 * which the dispatcher splits at its tabs (see isFormChunk). `take` gets every run and keeps the
 * ones typed while its field has the focus. Returns the test a field applies to a chunk before
 * typing it whole. Outside a dispatcher nothing is split.
 */
export function useFormText(take: (text: string) => void): (input: string) => boolean {
  const dispatcher = useContext(DispatcherContext);
  const ref = useRef(take);
  ref.current = take;
  useLayoutEffect(() => dispatcher?.onFormText((text) => ref.current(text)), [dispatcher]);
  return dispatcher ? dispatcher.isFormChunk : () => false;
}

/**
 * Receives the commands of a scope while `active`. The handler may change every render; the
 * registration keeps its place in the stack. `unavailable`: the scope's commands that do nothing
 * on what the screen shows now, left out of the footer and the help (see Unavailable).
 */
export function useCommands(
  scope: Scope | 'text',
  handler: CommandHandler,
  active = true,
  unavailable: readonly Command[] = [],
): void {
  const dispatcher = useContext(DispatcherContext);
  const ref = useRef(handler);
  ref.current = handler;
  const registration = useRef<Registration | null>(null);
  // A layout effect, not a passive one: it runs in the commit itself, so a screen opened by one key
  // of a chunk ("q" then "R") has its keys before the next key of the chunk is dispatched.
  useLayoutEffect(() => {
    if (!dispatcher || !active) return undefined;
    const made: Registration = { scope, handler: ref, unavailable: registration.current?.unavailable ?? none };
    registration.current = made;
    const unregister = dispatcher.register(made);
    return () => {
      unregister();
      if (registration.current === made) registration.current = null;
    };
  }, [dispatcher, scope, active]);
  // Compared by value: the screen builds a new list on every render.
  const unavailableKey = [...unavailable].sort().join(' ');
  useLayoutEffect(() => {
    const current = registration.current;
    if (!dispatcher || !current) return;
    current.unavailable = unavailableKey === '' ? none : new Set(unavailableKey.split(' ') as Command[]);
    dispatcher.changed();
  }, [dispatcher, unavailableKey, scope, active]);
}
