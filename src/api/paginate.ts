// Cursor pagination that always terminates.
//
// The SDK's `for await` loops forever against a server that says `has_more: true` and ignores
// `after` (openai-node's page iterator only stops on `has_more: false`); llm-d's gateway even reads `after` as an integer offset. So
// the next cursor is the last item's id (as the official SDKs do), and paging stops when the server says
// there is no more, a page is empty, the page cap is hit, or a page brings back an id already seen.
import type { Page } from './schemas/shapes.js';

export type FetchPage<T> = (after: string | undefined) => Promise<Page<T>>;

export type StopReason = 'end' | 'empty' | 'max_pages' | 'repeat';

export interface PagerOptions {
  /** Hard cap on requests, whatever the server says. */
  maxPages?: number;
  /** Start after this id instead of at the beginning. */
  after?: string;
}

/**
 * Stateful pager for "load more as the user scrolls": each next() fetches one page and returns only
 * items never returned before. Also the engine behind pages() and collectAll().
 */
export class Pager<T extends { id: string }> {
  readonly #fetchPage: FetchPage<T>;
  readonly #maxPages: number;
  readonly #seen = new Set<string>();
  #cursor: string | undefined;
  #pages = 0;
  #stopReason: StopReason | null = null;
  #lastUnreadable: Page<T>['unreadable'] | null = null;

  constructor(fetchPage: FetchPage<T>, { maxPages = 1000, after }: PagerOptions = {}) {
    this.#fetchPage = fetchPage;
    this.#maxPages = maxPages;
    this.#cursor = after;
  }

  /** Why paging ended; null while more pages may come. */
  get stopReason(): StopReason | null {
    return this.#stopReason;
  }

  get done(): boolean {
    return this.#stopReason !== null;
  }

  /** Items of the last page read that could not be read at all (left out of it); null when none. */
  get lastUnreadable(): Page<T>['unreadable'] | null {
    return this.#lastUnreadable;
  }

  /** The cursor the next request will send (undefined for the first page). */
  get cursor(): string | undefined {
    return this.#cursor;
  }

  /** Fetch the next page; resolves to its new items ([] when paging just ended), or null when already done. */
  async next(): Promise<T[] | null> {
    if (this.#stopReason) return null;
    if (this.#pages >= this.#maxPages) {
      this.#stopReason = 'max_pages';
      return null;
    }
    const page = await this.#fetchPage(this.#cursor);
    this.#pages += 1;
    this.#lastUnreadable = page.unreadable ?? null;
    if (page.items.length === 0) {
      this.#stopReason = 'empty';
      return [];
    }
    const fresh: T[] = [];
    let repeated = false;
    for (const item of page.items) {
      if (this.#seen.has(item.id)) repeated = true;
      else {
        this.#seen.add(item.id);
        fresh.push(item);
      }
    }
    if (repeated || (page.nextCursor !== null && page.nextCursor === this.#cursor)) this.#stopReason = 'repeat';
    else if (!page.hasMore || page.nextCursor === null) this.#stopReason = 'end';
    else if (this.#pages >= this.#maxPages) this.#stopReason = 'max_pages';
    else this.#cursor = page.nextCursor;
    return fresh;
  }
}

/** Yields each page's new items; the generator's return value says why it stopped. */
export async function* pages<T extends { id: string }>(
  fetchPage: FetchPage<T>,
  options: PagerOptions = {},
): AsyncGenerator<T[], StopReason> {
  const pager = new Pager(fetchPage, options);
  for (;;) {
    const items = await pager.next();
    if (items && items.length > 0) yield items;
    if (pager.stopReason) return pager.stopReason;
  }
}

/** Every item of every page (bounded by maxPages and the repeat guard). */
export async function collectAll<T extends { id: string }>(
  fetchPage: FetchPage<T>,
  options: PagerOptions = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages(fetchPage, options)) all.push(...items);
  return all;
}
