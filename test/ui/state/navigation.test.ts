import { describe, expect, it } from 'vitest';
import { entryOf, navigate } from '../../../src/ui/state/navigation.js';
import { memoryKey } from '../../../src/ui/state/screen-memory.js';

const position = memoryKey<{ top: number }>('position');

describe('the stack of route entries', () => {
  it('keeps an entry, and what its screen left in it, under the screens pushed over it', () => {
    const list = entryOf({ name: 'list' });
    list.memory.set(position, { top: 7 });
    let stack = navigate([list], { type: 'push', route: { name: 'detail', id: 'batch_1' } });
    stack = navigate(stack, { type: 'push', route: { name: 'help', scope: 'detail', title: 'Job' } });
    stack = navigate(stack, { type: 'back' });
    stack = navigate(stack, { type: 'back' });
    expect(stack).toEqual([list]);
    expect(stack[0]!.memory.get(position)).toEqual({ top: 7 });
  });

  it('gives a screen pushed again a fresh memory: leaving a screen forgets it', () => {
    let stack = navigate([entryOf({ name: 'list' })], { type: 'push', route: { name: 'files' } });
    stack[1]!.memory.set(position, { top: 3 });
    stack = navigate(navigate(stack, { type: 'back' }), { type: 'push', route: { name: 'files' } });
    expect(stack[1]!.memory.get(position)).toBeUndefined();
  });

  it('starts over on reset (another connection), and never stacks a copy of the screen on top', () => {
    const list = entryOf({ name: 'list' });
    list.memory.set(position, { top: 2 });
    const reset = navigate([list], { type: 'reset', route: { name: 'list' } });
    expect(reset[0]).not.toBe(list);
    expect(reset[0]!.memory.get(position)).toBeUndefined();
    const models = navigate(reset, { type: 'push', route: { name: 'models' } });
    expect(navigate(models, { type: 'push', route: { name: 'models' } })).toEqual(models);
    expect(navigate(reset, { type: 'back' })).toEqual(reset);
  });

  it('tells entries apart, so that each is its own screen', () => {
    const a = entryOf({ name: 'list' });
    const b = entryOf({ name: 'list' });
    expect(a.id).not.toBe(b.id);
  });
});
