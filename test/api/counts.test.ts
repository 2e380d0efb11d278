import { describe, expect, it } from 'vitest';
import { formatCount, messageOf, plural, pluralWord } from '../../src/api/index.js';

describe('plural', () => {
  it('writes one in the singular and every other count in the plural', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(0, 'request')).toBe('0 requests');
    expect(plural(3, 'request')).toBe('3 requests');
  });

  it('groups the count when asked, and only then', () => {
    expect(plural(50000, 'request', { grouped: true })).toBe('50,000 requests');
    expect(plural(50000, 'request')).toBe('50000 requests');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'entry', { plural: 'entries' })).toBe('1 entry');
    expect(plural(2, 'entry', { plural: 'entries' })).toBe('2 entries');
    expect(pluralWord(1, 'is', 'are')).toBe('is');
    expect(pluralWord(4, 'is', 'are')).toBe('are');
    expect(pluralWord(4, 'model')).toBe('models');
  });
});

describe('formatCount', () => {
  it('groups, and keeps absurd counts short', () => {
    expect(formatCount(209971538)).toBe('209,971,538');
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(1.2e18)).toBe('1.2e+18');
    expect(formatCount(Number.NaN)).toBe('—');
  });
});

describe('messageOf', () => {
  it("gives an Error's message and anything else as a string", () => {
    expect(messageOf(new Error('disk full'))).toBe('disk full');
    expect(messageOf('plain')).toBe('plain');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
  });
});
