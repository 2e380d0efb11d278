import { errorMessage } from '../format/errors.js';
import { formatCount } from '../format/numbers.js';
import type { Notice } from './notice.js';

export interface ListPaging {
  /** Index of the selected row, -1 when there is none. */
  index: number;
  /** Rows in the list as shown. */
  total: number;
  /** The server has more than is loaded. */
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: unknown;
  /** The key that loads again (keyLabel of refresh). */
  retryKey: string;
  /** Said after the position ("3/40 · batch_abc"). */
  detail?: string;
}

/**
 * The line under a list that pages in as the user scrolls (jobs, files): the next page loading,
 * why it did not load, or where the selection is and whether more exist. Empty for an empty list.
 */
export function listPaging(paging: ListPaging): Notice {
  const { index, total, hasMore, loadingMore, loadMoreError, retryKey, detail = '' } = paging;
  if (loadingMore) return { text: 'loading more…', tone: 'muted' };
  if (loadMoreError)
    return { text: `✗ could not load more: ${errorMessage(loadMoreError)} — ${retryKey} retries`, tone: 'danger' };
  if (total === 0) return { text: '', tone: 'muted' };
  const position = `${formatCount(index + 1)}/${formatCount(total)}${detail}`;
  return { text: `${position} · ${hasMore ? 'more load as you scroll' : 'end of list'}`, tone: 'muted' };
}
