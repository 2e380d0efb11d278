import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultsSession } from '../../../src/core/results/session/session.js';
import { tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';
import { placesIn } from '../../support/places.js';
import { outputLine } from '../../support/results-lines.js';

// `s` in the pager onto something that is not a file: refused with a clear sentence before the
// "overwrite?" question, which would be the wrong one to ask.

const LINES = [outputLine('r1', 'one'), outputLine('r2', 'two')];
const sessions: ResultsSession[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function pagerIn(dir: string): ResultsSession {
  const document = new MemoryDocument(LINES, { complete: true, name: 'file-abc' });
  const source = join(dir, 'source.jsonl');
  writeFileSync(source, LINES.join('\n') + '\n');
  Object.assign(document, { path: source });
  const session = new ResultsSession({ document, input: null, places: placesIn(dir) });
  sessions.push(session);
  return session;
}

describe('saving from the pager: what is at the path', () => {
  it('a directory, a FIFO, a socket or a device is refused at once, before the overwrite question', async () => {
    const dir = tempDir('fizz-save-targets-');
    mkdirSync(join(dir, 'folder'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const socket = createServer();
    servers.push(socket);
    await new Promise<void>((resolve) => socket.listen(join(dir, 'sock'), resolve));
    const session = pagerIn(dir);

    const cases: [string, string][] = [
      [join(dir, 'folder'), 'it is a directory; give a file name'],
      [join(dir, 'pipe'), 'it is a named pipe (FIFO), not a file; give another name'],
      [join(dir, 'sock'), 'it is a socket, not a file; give another name'],
      ['/dev/null', 'it is a device, not a file; give another name'],
    ];
    for (const [path, reason] of cases) {
      await session.save('file', path);
      expect(session.getState().task).toEqual({
        what: 'file',
        status: 'failed',
        path,
        error: `Cannot save to ${path}: ${reason}.`,
      });
      // Not even when the user had said yes: the same refusal, nothing written.
      await session.save('joined', path, { overwrite: true });
      expect(session.getState().task).toMatchObject({ status: 'failed', error: `Cannot save to ${path}: ${reason}.` });
    }
    expect(readdirSync(dir).sort()).toEqual(['folder', 'pipe', 'sock', 'source.jsonl']);
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('a regular file behind a symbolic link is still asked about, as a file', async () => {
    const dir = tempDir('fizz-save-targets-');
    writeFileSync(join(dir, 'old.jsonl'), 'old');
    execFileSync('ln', ['-s', 'old.jsonl', join(dir, 'link.jsonl')]);
    const session = pagerIn(dir);
    await session.save('file', join(dir, 'link.jsonl'));
    expect(session.getState().task).toEqual({ what: 'file', status: 'exists', path: join(dir, 'link.jsonl') });
  });

  it('an overwritten file keeps its permissions (0640 stays 0640; 0600 stays 0600)', async () => {
    const dir = tempDir('fizz-save-targets-');
    const session = pagerIn(dir);
    for (const mode of [0o640, 0o600]) {
      const path = join(dir, `kept-${mode.toString(8)}.jsonl`);
      writeFileSync(path, 'old');
      chmodSync(path, mode);
      await session.save('file', path, { overwrite: true });
      expect(session.getState().task).toMatchObject({ status: 'done', path });
      expect(readFileSync(path, 'utf8')).toBe(LINES.join('\n') + '\n');
      expect(statSync(path).mode & 0o777).toBe(mode);
    }
    const joined = join(dir, 'joined.jsonl');
    writeFileSync(joined, 'old');
    chmodSync(joined, 0o640);
    await session.save('joined', joined, { overwrite: true });
    expect(session.getState().task).toMatchObject({ status: 'done', path: joined });
    expect(statSync(joined).mode & 0o777).toBe(0o640);
  });
});
