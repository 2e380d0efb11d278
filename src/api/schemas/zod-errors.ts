import type * as z from 'zod';
import { plural } from '../counts.js';

// Readable validation errors: "data[3].id: expected string, got number"

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

function describeIssue(issue: z.core.$ZodIssue, at: readonly PropertyKey[]): string {
  const where = formatPath([...at, ...issue.path]);
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    if (received === 'undefined') return `${where}: expected ${issue.expected}, but it is missing`;
    return `${where}: expected ${issue.expected}${received ? `, got ${received}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

/** The first problem (and how many more), worded for a person; `at`: where the parsed value sits in a larger one. */
export function describeZodError(error: z.ZodError, at: readonly PropertyKey[] = []): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'unexpected shape';
  const more = rest.length > 0 ? ` (and ${plural(rest.length, 'more problem')})` : '';
  return describeIssue(first, at) + more;
}
