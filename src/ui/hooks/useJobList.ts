import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Batch } from '../../api/index.js';
import { filterJobs, type StatusGroup } from '../../core/jobs/groups.js';
import type { JobListService, JobListState } from '../../core/jobs/job-list.js';
import { measureJobs, type JobMeasure } from '../components/JobColumns.js';
import { useObservable } from './useObservable.js';

export interface JobFilter {
  text: string;
  group: StatusGroup;
}

/** The selected job by id, and where it was, for when it leaves the list. */
interface Selection {
  id: string | null;
  index: number;
}

/**
 * What the list looked like when the user left it (for a job's detail, help, models): the screen
 * unmounts, and coming back must find the same filter, selection and scroll position. Keyed by
 * the service, so another connection starts fresh and a dropped one is forgotten.
 */
interface Remembered {
  filter: JobFilter;
  selection: Selection;
  top: number;
}
const remembered = new WeakMap<JobListService, Remembered>();

export interface JobListView {
  state: JobListState;
  filter: JobFilter;
  setFilter: (update: (filter: JobFilter) => JobFilter) => void;
  /** The loaded jobs that pass the filter, in server order. */
  jobs: readonly Batch[];
  /** Looks a loaded job up by id (unfiltered). */
  byId: (id: string) => Batch | undefined;
  measure: JobMeasure;
  /** Index of the selected job in `jobs`, or -1 when the list is empty. */
  index: number;
  selected: Batch | null;
  /** First row on screen. */
  top: number;
  moveBy: (delta: number) => void;
  /** Selects by index in `jobs`; Infinity means the last one. */
  moveTo: (index: number) => void;
}

/**
 * The job list as the screen shows it: the service's jobs through the filter, the selection kept
 * by batch id across refreshes, the scroll window, and paging. Per key press it does constant
 * work; the filter and the id maps are rebuilt only when the jobs or the filter change.
 */
export function useJobList(service: JobListService, visibleRows: number): JobListView {
  const state = useObservable(service);
  const [initial] = useState(() => remembered.get(service));
  const [filter, setFilterState] = useState<JobFilter>(initial?.filter ?? { text: '', group: 'all' });
  const jobs = useMemo(() => (filter.text.trim() === '' && filter.group === 'all' ? state.jobs : filterJobs(state.jobs, filter)), [state.jobs, filter]);
  const positions = useMemo(() => indexById(jobs), [jobs]);
  const rawPositions = useMemo(() => indexById(state.jobs), [state.jobs]);
  const measure = useMemo(() => measureJobs(state.jobs), [state.jobs]);

  const [selection, setSelection] = useState<Selection>(initial?.selection ?? { id: null, index: 0 });
  const index = resolveIndex(selection, jobs, positions);
  const selected = index >= 0 ? jobs[index]! : null;
  // Remember what is selected now (the first job before any key, the neighbour that took a
  // vanished job's place), so a job arriving on top moves the list, not the selection.
  const selectedId = selected?.id ?? null;
  useEffect(() => {
    if (selectedId !== null && (selectedId !== selection.id || index !== selection.index)) setSelection({ id: selectedId, index });
  }, [selectedId, index, selection]);

  // Key presses can arrive faster than renders: updates start from the newest selection and data.
  const latest = useRef({ jobs, positions });
  latest.current = { jobs, positions };
  const moveTo = useCallback((target: number | ((current: number) => number)) => {
    setSelection((previous) => {
      const { jobs: list, positions: map } = latest.current;
      if (list.length === 0) return previous;
      const wanted = typeof target === 'function' ? target(resolveIndex(previous, list, map)) : target;
      const next = Math.max(0, Math.min(list.length - 1, wanted));
      return { id: list[next]!.id, index: next };
    });
  }, []);
  const moveBy = useCallback((delta: number) => moveTo((current) => current + delta), [moveTo]);
  const setFilter = useCallback((update: (filter: JobFilter) => JobFilter) => setFilterState(update), []);

  // The scroll window follows the selection, and otherwise stays where it is (no jumping).
  const rows = Math.max(1, visibleRows);
  const topRef = useRef(initial?.top ?? 0);
  let top = topRef.current;
  if (index >= 0 && index < top) top = index;
  if (index >= top + rows) top = index - rows + 1;
  top = Math.max(0, Math.min(top, jobs.length - rows));
  topRef.current = top;

  useEffect(() => {
    remembered.set(service, { filter, selection, top });
  }, [service, filter, selection, top]);

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

  const byId = useCallback((id: string) => {
    const at = rawPositions.get(id);
    return at === undefined ? undefined : state.jobs[at];
  }, [rawPositions, state.jobs]);

  return { state, filter, setFilter, jobs, byId, measure, index, selected, top, moveBy, moveTo };
}

function indexById(jobs: readonly Batch[]): Map<string, number> {
  const map = new Map<string, number>();
  jobs.forEach((job, i) => map.set(job.id, i));
  return map;
}

/** Where the selected job is now; if it left the list, the same place, within bounds. */
function resolveIndex(selection: Selection, jobs: readonly Batch[], positions: Map<string, number>): number {
  if (jobs.length === 0) return -1;
  const at = selection.id === null ? undefined : positions.get(selection.id);
  return at ?? Math.max(0, Math.min(jobs.length - 1, selection.index));
}
