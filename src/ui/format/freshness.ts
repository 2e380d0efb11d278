import type { PollerState } from '../../core/poller.js';
import type { Tone } from '../theme/theme.js';
import { duration, updateAge } from './time.js';

/** How current the data on screen is, said so that the words alone tell it (NO_COLOR). */
export interface Freshness {
  /** Starts with a symbol and the word that decides: "● updated", "⚠ stale", "✗ offline", "✗ key refused". */
  text: string;
  /** Said after the text and never cut from it: when the next try comes. */
  tail: string;
  tone: Tone;
  /** The data shown is not current: a refresh failed, polling stopped, or it is overdue. */
  stale: boolean;
}

/**
 * Beyond two refresh intervals data is stale even before a refresh fails (a request that hangs, a
 * machine that slept); the slack covers a slow answer and the list's own idle back-off.
 */
const staleSlackMs = 10_000;

/**
 * The header's freshness of a poller's data: "● updated just now", "⚠ stale · last update 14m ago"
 * with " · retrying in 40s", "✗ key refused · polling stopped". `intervalMs` is the refresh the
 * user chose; paused data is not called stale (the header says paused).
 */
export function freshness(poll: PollerState<unknown>, nowMs: number, intervalMs: number): Freshness {
  const lastUpdate = poll.updatedAt === null ? '' : ` · last update ${updateAge(poll.updatedAt, nowMs)}`;
  if (poll.halted)
    return { text: `✗ key refused${lastUpdate}`, tail: ' · polling stopped', tone: 'danger', stale: true };
  if (poll.error) {
    const tail = retryTail(poll, nowMs);
    return poll.updatedAt === null
      ? { text: '✗ offline', tail, tone: 'danger', stale: true }
      : { text: `⚠ stale${lastUpdate}`, tail, tone: 'warning', stale: true };
  }
  if (poll.updatedAt === null) return { text: 'connecting…', tail: '', tone: 'muted', stale: false };
  if (!poll.paused && nowMs - poll.updatedAt > 2 * intervalMs + staleSlackMs)
    return { text: `⚠ stale${lastUpdate}`, tail: '', tone: 'warning', stale: true };
  return {
    text: `● updated ${updateAge(poll.updatedAt, nowMs)}`,
    tail: '',
    tone: poll.paused ? 'warning' : 'success',
    stale: false,
  };
}

/** " · retrying in 40s" while a retry is scheduled, " · retrying…" while it runs. */
export function retryTail(poll: PollerState<unknown>, nowMs: number): string {
  if (poll.inFlight) return ' · retrying…';
  if (poll.nextAt === null) return '';
  return ` · retrying in ${duration(Math.max(1, Math.ceil((poll.nextAt - nowMs) / 1000)))}`;
}
