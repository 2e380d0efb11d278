import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  groupProblems,
  groupReport,
  type Problem,
  type ValidationReport,
} from '../../src/core/validate/index.js';
import { ProblemSink } from '../../src/core/validate/report.js';

const dup = (line: number): Problem => ({
  code: 'duplicate_custom_id',
  line,
  field: 'custom_id',
  message: `line ${line}`,
});

describe('groupProblems', () => {
  it('groups by code in order of first appearance, file-wide problems first, with the first examples and a count of the rest', () => {
    const problems: Problem[] = [
      ...Array.from({ length: 12 }, (_, i) => dup(i + 10)),
      { code: 'invalid_json', line: 3, field: null, message: 'bad' },
      { code: 'file_too_large', line: null, field: null, message: 'big' },
    ];
    const groups = groupProblems(problems, { perGroup: 5 });
    expect(groups.map((g) => [g.code, g.title, g.count, g.examples.length, g.more])).toEqual([
      ['file_too_large', 'File too large', 1, 1, 0],
      ['invalid_json', 'Invalid JSON', 1, 1, 0],
      ['duplicate_custom_id', 'Duplicate custom_id', 12, 5, 7],
    ]);
    expect(groups[2]?.examples.map((p) => p.line)).toEqual([10, 11, 12, 13, 14]);
  });

  it('takes the totals of a report whose lists hold only the first problems of each code', () => {
    const groups = groupProblems([dup(2), dup(3)], { counts: { duplicate_custom_id: 9_814 } });
    expect(groups).toEqual([
      {
        code: 'duplicate_custom_id',
        title: 'Duplicate custom_id',
        severity: 'error',
        count: 9_814,
        examples: [dup(2), dup(3)],
        more: 9_812,
      },
    ]);
  });

  it('an unknown code still gets a readable title', () => {
    expect(
      groupProblems([{ code: 'some_new_check', line: 1, field: null, message: 'x' }], { severity: 'warning' })[0],
    ).toMatchObject({ title: 'some new check', severity: 'warning' });
  });
});

describe('groupReport', () => {
  it('groups errors and warnings apart, with the counts of the report', () => {
    const report: ValidationReport = {
      path: 'x.jsonl',
      bytes: 10,
      lines: 3,
      requests: 3,
      endpoint: null,
      models: [],
      firstLineOfModel: new Map(),
      estimatedInputTokens: 0,
      errors: [dup(2), dup(3)],
      warnings: [{ code: 'blank_line', line: 5, field: null, message: 'blank' }],
      errorCount: 40,
      warningCount: 1,
      counts: { duplicate_custom_id: 40, blank_line: 1 },
    };
    const { errors, warnings } = groupReport(report, { perGroup: 1 });
    expect(errors.map((g) => [g.code, g.severity, g.count, g.examples.length, g.more])).toEqual([
      ['duplicate_custom_id', 'error', 40, 1, 39],
    ]);
    expect(warnings.map((g) => [g.code, g.severity, g.count, g.more])).toEqual([['blank_line', 'warning', 1, 0]]);
  });
});

describe('ProblemSink', () => {
  it('keeps the first problems of each code and counts them all', () => {
    const sink = new ProblemSink(3);
    for (let line = 1; line <= 1000; line++) sink.add(dup(line));
    sink.add({ code: 'invalid_json', line: 500, field: null, message: 'bad' });
    sink.count('invalid_json', 41);
    expect(sink.size).toBe(1042);
    expect(sink.counts()).toEqual({ duplicate_custom_id: 1000, invalid_json: 42 });
    expect(sink.problems().map((p) => [p.code, p.line])).toEqual([
      ['duplicate_custom_id', 1],
      ['duplicate_custom_id', 2],
      ['duplicate_custom_id', 3],
      ['invalid_json', 500],
    ]);
    expect(sink.wants('duplicate_custom_id')).toBe(false);
    expect(sink.wants('missing_model')).toBe(true);
  });
});

describe('formatBytes', () => {
  it('uses binary units and as many decimals as asked', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB');
    expect(formatBytes(209_971_538)).toBe('200 MB');
    expect(formatBytes(209_971_538, 2)).toBe('200.24 MB');
    expect(formatBytes(52_671_538)).toBe('50.2 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });
});
