import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileObject } from '../../src/api/index.js';
import { Lazy } from '../../src/core/lazy.js';
import type { Session } from '../../src/core/session.js';
import { fakeSession } from '../support/ui.js';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function connected() {
  const session = fakeSession({});
  sessions.push(session);
  return { session, services: session.getState().services! };
}

const file = (id: string): FileObject => ({
  id,
  filename: `${id}.jsonl`,
  purpose: 'batch',
  bytes: 10,
  createdAt: 1,
  status: 'processed',
  expiresAt: null,
});

describe('Lazy: a service made when first asked for', () => {
  it('makes one, keeps it, and disposes of it once', () => {
    const made: Array<{ dispose: () => void; options: number }> = [];
    const lazy = new Lazy((options: number) => {
      const service = { dispose: vi.fn(), options };
      made.push(service);
      return service;
    });
    expect(made).toEqual([]);
    const first = lazy.get(1);
    expect(lazy.get(2)).toBe(first);
    expect(first.options).toBe(1);
    lazy.dispose();
    expect(first.dispose).toHaveBeenCalledTimes(1);
    lazy.dispose();
    expect(first.dispose).toHaveBeenCalledTimes(1);
  });
});

describe("the connection's Services own the files list and the open pagers", () => {
  it('keeps one files service for the connection, disposed with it', () => {
    const { session, services } = connected();
    const files = services.files.get({ pageSize: 5 });
    expect(services.files.get({})).toBe(files);
    const dispose = vi.spyOn(files, 'dispose');
    session.connect();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(session.getState().services!.files.get({})).not.toBe(files);
  });

  it('opens one pager per source, closes what is not kept, and all of them when the connection goes', () => {
    const { session, services } = connected();
    const a = { kind: 'file', file: file('file-a') } as const;
    const b = { kind: 'file', file: file('file-b') } as const;
    const openA = services.pagers.open(a);
    const openB = services.pagers.open(b);
    expect(services.pagers.open(a)).toBe(openA);
    const disposeA = vi.spyOn(openA, 'dispose');
    const disposeB = vi.spyOn(openB, 'dispose');
    services.pagers.keepOnly([b]);
    expect(disposeA).toHaveBeenCalledTimes(1);
    expect(disposeB).not.toHaveBeenCalled();
    expect(services.pagers.open(a)).not.toBe(openA);
    session.dispose();
    expect(disposeB).toHaveBeenCalledTimes(1);
  });

  it('closes one pager when its user leaves it', () => {
    const { services } = connected();
    const a = { kind: 'file', file: file('file-a') } as const;
    const opening = services.pagers.open(a);
    const dispose = vi.spyOn(opening, 'dispose');
    services.pagers.close(a);
    expect(dispose).toHaveBeenCalledTimes(1);
    services.pagers.close(a);
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});
