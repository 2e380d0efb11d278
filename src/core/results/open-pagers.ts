import { openSourceSession, type RemoteContext, type ResultsOpening } from './session/open.js';
import type { ResultsSource } from './session/state.js';

/**
 * The pagers open on one connection, owned by its Services and closed with them. A pager outlives
 * its screen while its route is on the stack: help, models or files pushed over it unmount the
 * screen, and coming back must find the same position, search and download, not start the
 * download again. The console keeps exactly the pagers of the routes on its stack (keepOnly).
 */
export class OpenPagers {
  private readonly live = new Map<ResultsSource, ResultsOpening>();

  constructor(private readonly context: RemoteContext) {}

  /** The session on a route's source: opened the first time, the same one after. */
  open(source: ResultsSource): ResultsOpening {
    let opening = this.live.get(source);
    if (!opening) {
      opening = openSourceSession(source, this.context);
      this.live.set(source, opening);
    }
    return opening;
  }

  /** Closes one pager now: the user left it (q). */
  close(source: ResultsSource): void {
    const opening = this.live.get(source);
    if (!opening) return;
    this.live.delete(source);
    void opening.dispose();
  }

  /** Closes the pagers whose route is no longer on the stack (all of them, given none). */
  keepOnly(sources: readonly ResultsSource[]): void {
    for (const source of [...this.live.keys()]) if (!sources.includes(source)) this.close(source);
  }

  /** The connection is going. */
  dispose(): void {
    this.keepOnly([]);
  }
}
