/**
 * The smallest store that React's useSyncExternalStore can read: immutable snapshots, listeners
 * told after every change. Services extend it; views subscribe through a hook.
 */
export class Observable<S> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected setState(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  protected clearListeners(): void {
    this.listeners.clear();
  }
}
