import { describe, expect, it } from 'vitest';
import { listPaging } from '../../../src/ui/kit/listPaging.js';

const base = { index: 2, total: 40, hasMore: false, loadingMore: false, loadMoreError: null, retryKey: 'r' };

describe('listPaging', () => {
  it('says where the selection is, and whether more exist', () => {
    expect(listPaging(base)).toEqual({ text: '3/40 · end of list', tone: 'muted' });
    expect(listPaging({ ...base, hasMore: true, detail: ' · batch_a' })).toEqual({
      text: '3/40 · batch_a · more load as you scroll',
      tone: 'muted',
    });
  });

  it('says a page is loading, or why it did not load, before the position', () => {
    expect(listPaging({ ...base, loadingMore: true }).text).toBe('loading more…');
    const failed = listPaging({ ...base, loadMoreError: new Error('boom') });
    expect(failed.tone).toBe('danger');
    expect(failed.text).toMatch(/^✗ could not load more: .*boom.* — r retries$/);
  });

  it('says nothing under an empty list', () => {
    expect(listPaging({ ...base, index: -1, total: 0 }).text).toBe('');
  });
});
