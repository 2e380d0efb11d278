// An idle timer for streams: fires when no progress was reported for `ms`. A request's deadline
// stops counting once response headers arrive (and a streamed upload cannot use it at all), so a
// stalled body would otherwise hang forever.

export class IdleWatchdog {
  readonly #ms: number;
  readonly #onIdle: () => void;
  readonly #isWaitingOnConsumer: () => boolean;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /**
   * @param isWaitingOnConsumer when true at expiry, the stream is paused by backpressure (a slow
   *   reader, not a slow server), so the timer re-arms instead of firing.
   */
  constructor(ms: number, onIdle: () => void, isWaitingOnConsumer: () => boolean = () => false) {
    this.#ms = ms;
    this.#onIdle = onIdle;
    this.#isWaitingOnConsumer = isWaitingOnConsumer;
  }

  /** (Re)start the countdown: progress was made. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#stopped) return;
      if (this.#isWaitingOnConsumer()) this.kick();
      else {
        this.#stopped = true;
        this.#onIdle();
      }
    }, this.#ms);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
