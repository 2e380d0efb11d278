import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { InputIndex } from '../../../src/core/results/input-index.js';
import { parseRecord } from '../../../src/core/results/index.js';
import { exportJoined } from '../../../src/core/results/joined.js';
import { tempDir } from '../../support/batch-files.js';
import { escapeInputLines, escapeOutputLines } from '../../support/hostile-server.js';
import { MemoryDocument } from '../../support/memory-document.js';
import { unsafeStrings } from '../../support/terminal-bytes.js';

describe("every string the pager shows from a file's record is sanitized", () => {
  const line = (text: string, index = 0) => ({ index, text, bytes: Buffer.byteLength(text), cut: false });
  /** A record without its raw text and parsed JSON: the file's data, shown only escaped or through plain(). */
  const shown = (text: string) => {
    const { raw: _raw, json: _json, ...record } = parseRecord(line(text));
    return record;
  };

  it('results: custom_id, ids, model, role, finish_reason, the answer (lines kept), the error', () => {
    const output = shown(escapeOutputLines[0]!);
    expect(output.kind).toBe('output');
    expect(unsafeStrings(output)).toEqual([]);
    if (output.kind === 'output') expect(output.message).toContain('\n');
    const failure = shown(escapeOutputLines[1]!);
    expect(failure.kind).toBe('error');
    expect(unsafeStrings(failure)).toEqual([]);
  });

  it('requests: custom_id, method, url, model, roles, texts, parameter names and values', () => {
    for (const request of escapeInputLines) {
      const record = shown(JSON.stringify(request));
      expect(record.kind).toBe('input');
      expect(unsafeStrings(record)).toEqual([]);
    }
  });

  it('a line that is not JSON: the reason, which quotes its start', () => {
    for (const text of [escapeOutputLines[2]!, '\u001b]0;title\u0007{"custom_id"', '\u009b2J\u202e{']) {
      const invalid = shown(text);
      expect(invalid.kind).toBe('invalid');
      expect(unsafeStrings(invalid)).toEqual([]);
    }
  });
});

describe('the joined export (J) is data, not display', () => {
  const indexes: InputIndex[] = [];
  afterEach(() => {
    for (const index of indexes.splice(0)) index.dispose();
  });

  it('keeps each custom_id as the files have it, and still joins by it', async () => {
    const input = new InputIndex(
      new MemoryDocument(
        escapeInputLines.map((l) => JSON.stringify(l)),
        { name: 'input.jsonl' },
      ),
    );
    indexes.push(input);
    const dir = tempDir();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const dest = join(dir, 'joined.jsonl');
    const outcome = await exportJoined({ sources: [new MemoryDocument(escapeOutputLines.slice(0, 2))], input, dest });
    expect(outcome.status).toBe('saved');
    const lines = readFileSync(dest, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { custom_id: string; request: unknown });
    expect(lines.map((l) => l.custom_id)).toEqual(escapeInputLines.map((l) => l.custom_id));
    expect(lines.map((l) => l.request)).toEqual(escapeInputLines.map((l) => l.body));
  });
});
