import { invalidRequest } from '../errors.js';

/**
 * Cursor paging as the OpenAI SDK does it: `after` is the id of the last item seen, and the page
 * holds the items strictly after it in list order. The cursor is resolved in the unfiltered order,
 * so it works even when the cursor item itself does not pass the filter.
 */
export function pageAfter<T extends { id: string }>(
  ordered: readonly T[],
  after: string | null,
  limit: number,
  keep: (item: T) => boolean = () => true,
): { items: T[]; hasMore: boolean } {
  let start = 0;
  if (after !== null) {
    const index = ordered.findIndex((item) => item.id === after);
    if (index === -1)
      throw invalidRequest(400, `Invalid 'after': there is no object with id '${after}'.`, 'after', 'invalid_value');
    start = index + 1;
  }
  const items: T[] = [];
  let hasMore = false;
  for (let i = start; i < ordered.length; i++) {
    const item = ordered[i] as T;
    if (!keep(item)) continue;
    if (items.length === limit) {
      hasMore = true;
      break;
    }
    items.push(item);
  }
  return { items, hasMore };
}

/** Oldest first, ties broken by creation order. */
export function byCreation<T extends { seq: number }>(createdMs: (item: T) => number): (a: T, b: T) => number {
  return (a, b) => createdMs(a) - createdMs(b) || a.seq - b.seq;
}
