import { createContext, useContext, useState } from 'react';

/**
 * A named slot of a screen's memory, typed by what the screen keeps there. Defined by the screen
 * (a feature); the navigation below it only carries the memory.
 */
export interface MemoryKey<T> {
  readonly name: string;
  /** Never set: it only carries T. */
  readonly value?: T;
}

export function memoryKey<T>(name: string): MemoryKey<T> {
  return { name };
}

/**
 * What a screen leaves behind while it is covered (a job's detail, help, models pushed over it):
 * its filter, selection and scroll position. It lives on the screen's route entry, so coming back
 * finds it, while leaving the screen (back) or another connection (the stack starts over) forgets it.
 */
export class ScreenMemory {
  private readonly slots = new Map<MemoryKey<unknown>, unknown>();

  get<T>(key: MemoryKey<T>): T | undefined {
    return this.slots.get(key) as T | undefined;
  }

  set<T>(key: MemoryKey<T>, value: T): void {
    this.slots.set(key, value);
  }
}

/** The memory of the route entry being shown; the App provides it. */
export const ScreenMemoryContext = createContext<ScreenMemory | null>(null);

/** The screen's memory: its route entry's, or (a screen rendered alone, as in tests) its own for as long as it lives. */
export function useScreenMemory(): ScreenMemory {
  const entry = useContext(ScreenMemoryContext);
  const [own] = useState(() => new ScreenMemory());
  return entry ?? own;
}
