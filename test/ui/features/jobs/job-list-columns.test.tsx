import { describe, expect, it } from 'vitest';
import {
  fitModel,
  layoutColumns,
  modelLabel,
  progressText,
  shortId,
  type JobColumns,
} from '../../../../src/ui/features/jobs/JobColumns.js';
import { age } from '../../../../src/ui/format/time.js';
import { makeBatch } from '../../../support/ui.js';

const jobs = [
  makeBatch({
    id: 'batch_67f0a1b2c3d4e5f60718293a4b5c6d7e',
    model: 'klusterai/Meta-Llama-3.1-8B-Instruct-Turbo',
    requestCounts: { total: 5000, completed: 2400, failed: 21 },
    metadata: { description: 'Catalogue translation FR→EN, 5k SKUs' },
  }),
  makeBatch({
    id: 'batch_0123456789abcdef0123456789abcdef',
    status: 'completed',
    model: 'deepseek-ai/DeepSeek-R1',
    metadata: { description: 'Legal clause summaries (pilot)' },
  }),
];

function rowWidth(c: JobColumns): number {
  const optional = (n: number) => (n > 0 ? n + 1 : 0);
  return (
    c.marker +
    c.id +
    1 +
    c.status +
    1 +
    c.progress +
    1 +
    c.bar +
    1 +
    c.failed +
    1 +
    c.created +
    optional(c.model) +
    optional(c.description)
  );
}

describe('job table columns', () => {
  it('never lays out a row wider than the body, from 60 to 200 columns', () => {
    for (let width = 60; width <= 200; width++) {
      const columns = layoutColumns(width);
      expect(rowWidth(columns), `at ${width}`).toBeLessThanOrEqual(width);
    }
  });

  it('drops the description first, then the model, as the terminal narrows', () => {
    const at = (width: number) => layoutColumns(width);
    expect(at(100).model).toBeGreaterThan(0);
    expect(at(100).description).toBeGreaterThan(0);
    expect(at(80).description).toBeGreaterThan(0);
    const narrow = at(60);
    expect(narrow.description).toBe(0);
    expect(narrow.model).toBe(0);
    // In between, there is a width with the model but no description.
    const modelOnly = Array.from({ length: 20 }, (_, i) => at(60 + i)).find((c) => c.model > 0 && c.description === 0);
    expect(modelOnly).toBeDefined();
    // Wide terminals show whole ids.
    expect(at(200).id).toBe(38);
    expect(at(100).id).toBe(8);
  });

  it('shortens ids like git hashes, and models from the organisation inwards', () => {
    expect(shortId('batch_67f0a1b2c3d4e5f60718293a4b5c6d7e', 8)).toBe('67f0a1b2');
    expect(shortId('batch_abc', 10)).toBe('batch_abc');
    expect(shortId('3f2a9c1d-7e44-4b1a-9f0e-1d2c3b4a5f60', 8)).toBe('3f2a9c1d');
    const model = 'klusterai/Meta-Llama-3.1-8B-Instruct-Turbo';
    expect(fitModel(model, 60)).toBe(model);
    expect(fitModel(model, 32)).toBe('Meta-Llama-3.1-8B-Instruct-Turbo');
    expect(fitModel(model, 14)).toBe('Llama-3.1-8B');
    expect(fitModel(model, 8)).toBe('Llama-3…');
  });

  it('writes progress as done (completed + failed) of total, and compact ages', () => {
    expect(progressText(jobs[0]!)).toBe('2,421/5,000');
    const now = Date.UTC(2026, 0, 10, 12, 0, 0);
    const ago = (seconds: number) => Math.floor(now / 1000) - seconds;
    expect(age(ago(20), now)).toBe('now');
    expect(age(ago(12 * 60), now)).toBe('12m');
    expect(age(ago(5 * 3600 + 3 * 60), now)).toBe('5h03m');
    expect(age(ago(3 * 86_400 + 4 * 3600), now)).toBe('3d4h');
    expect(age(null, now)).toBe('—');
    expect(age(Number.NaN, now)).toBe('—');
  });

  it('keeps every column where it is whatever jobs load: widths come from the terminal width alone', () => {
    // layoutColumns takes no jobs: the same width always gives the same columns.
    expect(layoutColumns.length).toBe(1);
    expect(layoutColumns(120)).toMatchObject({ id: 8, status: 14, progress: 15, failed: 6 });
    expect(layoutColumns(140).status).toBe('✗ completed · all failed'.length);
    expect(layoutColumns(200).id).toBe(38);
  });

  it('never shows the endpoint as if it were the model', () => {
    const noModel = makeBatch({ model: null, endpoint: '/v1/embeddings' });
    expect(modelLabel(noModel)).toBe('(embeddings)');
    expect(modelLabel(jobs[0]!)).toBe('klusterai/Meta-Llama-3.1-8B-Instruct-Turbo');
    expect(layoutColumns(120).titles.model).toBe('model (endpoint)');
  });
});
