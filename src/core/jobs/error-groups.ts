import { oneLine, type BatchError } from '../../api/index.js';

export interface ErrorGroup {
  code: string;
  errors: BatchError[];
}

/** errors.data grouped by code, the biggest group first; lines in file order within a group. */
export function groupErrors(errors: readonly BatchError[]): ErrorGroup[] {
  const groups = new Map<string, BatchError[]>();
  for (const error of errors) {
    const code = oneLine(error.code ?? '') || '(no code)';
    const list = groups.get(code) ?? [];
    list.push(error);
    groups.set(code, list);
  }
  return [...groups.entries()]
    .map(([code, list]) => ({ code, errors: [...list].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) }))
    .sort((a, b) => b.errors.length - a.errors.length || a.code.localeCompare(b.code));
}

/** "line 12 (body.model): message" — whatever parts the server gave. */
export function describeError(error: BatchError): string {
  const where = [error.line !== null ? `line ${error.line}` : '', error.param ? `(${oneLine(error.param)})` : '']
    .filter(Boolean)
    .join(' ');
  const message = oneLine(error.message ?? '') || 'no message';
  return where ? `${where}: ${message}` : message;
}
