import { describe, expect, it } from 'vitest';
import {
  bindings,
  footerBindings,
  isolatedScopes,
  keyLabel,
  type Binding,
  type KeySpec,
  type Scope,
} from '../../../src/ui/keys/keymap.js';

/** Every scope the table binds keys in, the global one aside. */
const scopes = [...new Set(bindings.flatMap((b) => b.scopes))].filter((s): s is Scope => s !== 'global');

/** What answers keys in a scope: its own bindings, then the global ones unless the scope is isolated. */
function reachable(scope: Scope): Array<{ binding: Binding; global: boolean }> {
  const own = bindings.filter((b) => b.scopes.includes(scope)).map((binding) => ({ binding, global: false }));
  if (isolatedScopes.includes(scope)) return own;
  const global = bindings.filter((b) => b.scopes.includes('global')).map((binding) => ({ binding, global: true }));
  return [...own, ...global];
}

/** Whether two key specs can match the same key press (an unset shift matches either). */
function overlap(a: KeySpec, b: KeySpec): boolean {
  return (
    Boolean(a.ctrl) === Boolean(b.ctrl) &&
    a.special === b.special &&
    a.input === b.input &&
    (a.shift === undefined || b.shift === undefined || a.shift === b.shift)
  );
}

function keyName(spec: KeySpec): string {
  return `${spec.ctrl ? 'ctrl-' : ''}${spec.special ?? JSON.stringify(spec.input)}${spec.shift === undefined ? '' : spec.shift ? '+shift' : '-shift'}`;
}

/** The ways out of a scope: back to the screen before, quit, no to a question, stop what runs. */
const waysOut = new Set(['back', 'quit', 'deny', 'cancelStep']);

describe('the keymap table', () => {
  it('knows its scopes', () => {
    expect(scopes).toEqual(expect.arrayContaining(['list', 'detail', 'confirm', 'form', 'results', 'viewer']));
  });

  it.each(scopes)('binds no key twice in the %s scope (with the global keys it answers)', (scope) => {
    const found = reachable(scope);
    const clashes: string[] = [];
    for (let i = 0; i < found.length; i++) {
      for (let j = i + 1; j < found.length; j++) {
        const [a, b] = [found[i]!, found[j]!];
        // A scope binding the global key to the same command (ctrl-c in a form) is the global key said again.
        if (b.global && !a.global && a.binding.command === b.binding.command) continue;
        for (const key of a.binding.keys)
          if (b.binding.keys.some((other) => overlap(key, other)))
            clashes.push(`${keyName(key)}: ${a.binding.command} and ${b.binding.command}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(scopes)('has a way out of the %s scope (back, quit, no, stop)', (scope) => {
    const out = reachable(scope).filter(({ binding }) => waysOut.has(binding.command));
    expect(out.map(({ binding }) => binding.command)).not.toEqual([]);
  });

  it.each(scopes)('gives the footer of the %s scope one order: no two hints at the same place', (scope) => {
    const places = footerBindings(scope).map((b) => b.footer);
    expect(places.length).toBe(new Set(places).size);
  });

  it('shows the way out in the footer of every scope that has one there', () => {
    const without = scopes.filter(
      (scope) => !footerBindings(scope).some((b) => waysOut.has(b.command)) && !isolatedScopes.includes(scope),
    );
    expect(without).toEqual([]);
  });
});

describe('keyLabel: a key named in a hint, as the footer writes it', () => {
  it("gives the scope's own key, as labelled", () => {
    expect(keyLabel('refresh', 'list')).toBe('r');
    expect(keyLabel('back', 'results')).toBe('q');
    expect(keyLabel('back', 'uploadFailed')).toBe('q/esc');
    expect(keyLabel('cancelStep', 'resultsBusy')).toBe('esc');
    expect(keyLabel('optionNext', 'form')).toBe('←→');
  });

  it('falls back to the global key where the scope takes global keys', () => {
    expect(keyLabel('profiles', 'list')).toBe('p');
    expect(keyLabel('forceQuit', 'global')).toBe('ctrl-c');
  });

  it('refuses a key the scope does not answer to, rather than name a dead key', () => {
    // The viewer has no console: no job, so no error file to open; a question takes no global keys.
    expect(() => keyLabel('openErrors', 'viewer')).toThrow(/openErrors/);
    expect(() => keyLabel('profiles', 'confirm')).toThrow(/confirm/);
  });
});
