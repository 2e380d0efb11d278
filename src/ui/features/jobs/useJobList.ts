import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Batch } from '../../../api/index.js';
import { filterJobs, type StatusGroup } from '../../../core/jobs/groups.js';
import type { JobListService, JobListState } from '../../../core/jobs/job-list.js';
import { useObservable } from '../../kit/useObservable.js';
import { useSelectionById, type Selection } from '../../kit/useSelectionById.js';
import { memoryKey, useScreenMemory } from '../../state/screen-memory.js';
import type { Movement } from '../../kit/listCursor.js';

export interface JobFilter {
  text: string;
  group: StatusGroup;
}

/**
 * What the list looked like when the user left it (for a job's detail, help, models): the screen
 * unmounts, and coming back must find the same filter, selection and scroll position. Kept on the
 * list's route entry, so another connection (a new stack) starts fresh.
 */
const listView = memoryKey<{ filter: JobFilter; selection: Selection; top: number }>('job list view');

export interface JobListView {
  state: JobListState;
  filter: JobFilter;
  setFilter: (update: (filter: JobFilter) => JobFilter) => void;
  /** The loaded jobs that pass the filter, in server order. */
  jobs: readonly Batch[];
  /** Looks a loaded job up by id (unfiltered). */
  byId: (id: string) => Batch | undefined;
  /** Index of the selected job in `jobs`, or -1 when the list is empty. */
  index: number;
  selected: Batch | null;
  /** First row on screen. */
  top: number;
  /** Moves the selection (a movement key, see listCursor). */
  move: (movement: Movement) => void;
}

/**
 * The job list as the screen shows it: the service's jobs through the filter, the selection kept
 * by batch id across refreshes, the scroll window, and paging. Per key press it does constant
 * work; the filter and the id maps are rebuilt only when the jobs or the filter change.
 */
export function useJobList(service: JobListService, visibleRows: number): JobListView {
  const state = useObservable(service);
  // Off screen (a job's detail, the pager, help) the list refreshes slowly; back, at once if stale.
  useEffect(() => {
    service.setShown(true);
    return () => service.setShown(false);
  }, [service]);
  const memory = useScreenMemory();
  const [initial] = useState(() => memory.get(listView));
  const [filter, setFilterState] = useState<JobFilter>(initial?.filter ?? { text: '', group: 'all' });
  const jobs = useMemo(
    () => (filter.text.trim() === '' && filter.group === 'all' ? state.jobs : filterJobs(state.jobs, filter)),
    [state.jobs, filter],
  );
  const rawPositions = useMemo(() => indexById(state.jobs), [state.jobs]);
  const { index, selected, selection, top, move } = useSelectionById(jobs, visibleRows, initial);
  const rows = Math.max(1, visibleRows);
  const setFilter = useCallback((update: (filter: JobFilter) => JobFilter) => setFilterState(update), []);

  useEffect(() => {
    memory.set(listView, { filter, selection, top });
  }, [memory, filter, selection, top]);

  // Paging: the next page is asked for once the selection is within a screenful of the end of
  // what is loaded (counted in the unfiltered list, so a narrow filter does not page in everything).
  const rawIndex = selected ? (rawPositions.get(selected.id) ?? -1) : -1;
  const loaded = state.poll.updatedAt !== null;
  const { hasMore, loadingMore, loadMoreError } = state;
  const total = state.jobs.length;
  useEffect(() => {
    if (!loaded || !hasMore || loadingMore || loadMoreError) return;
    if (rawIndex >= 0 && rawIndex >= total - rows) void service.loadMore();
  }, [service, loaded, hasMore, loadingMore, loadMoreError, rawIndex, total, rows]);

  const byId = useCallback(
    (id: string) => {
      const at = rawPositions.get(id);
      return at === undefined ? undefined : state.jobs[at];
    },
    [rawPositions, state.jobs],
  );

  return { state, filter, setFilter, jobs, byId, index, selected, top, move };
}

function indexById(jobs: readonly Batch[]): Map<string, number> {
  const map = new Map<string, number>();
  jobs.forEach((job, i) => map.set(job.id, i));
  return map;
}
