import type { NewBatchService } from './service.js';
import { isTransferring, type PreparedOptions } from './state.js';

/** What the screen may choose when the flow is first made (tests: a directory, a repaint rate). */
export interface FlowOptions {
  cwd?: string;
  progressIntervalMs?: number;
}

/**
 * The new-batch flow of one connection, owned by its Services and disposed with them. The flow
 * outlives its screen: help, models or files pushed over the picker unmount it, and the user
 * expects to come back to the same directory, report or form. It ends only when the user leaves it
 * (back from the picker), when the batch exists, or when the connection goes (a profile switch).
 */
export class NewBatchFlow {
  private service: NewBatchService | null = null;

  constructor(private readonly create: (options: FlowOptions) => NewBatchService) {}

  /** The flow under way, or a new one (started) when there is none. */
  current(options: FlowOptions = {}): NewBatchService {
    if (this.service) return this.service;
    const service = this.create(options);
    this.service = service;
    void service.start();
    return service;
  }

  /** Ends `service` if it is still this connection's flow (a later one is left alone). */
  end(service: NewBatchService): void {
    if (this.service === service) this.service = null;
    service.dispose();
  }

  /**
   * Starts the flow on a file made for it (R: a job's failed requests), with the form prefilled.
   * Refused (false) while a new batch is being uploaded or created; an unfinished flow that is not
   * (a picker, a report) gives way to this one.
   */
  startPrepared(path: string, prepared: PreparedOptions): boolean {
    const existing = this.service;
    if (existing) {
      if (isTransferring(existing.getState().step.name)) return false;
      this.end(existing);
    }
    void this.current().startWithFile(path, prepared);
    return true;
  }

  /**
   * The connection is going (a profile switch). A flow that is uploading or creating its batch is
   * let finish on its own server, as the user asked: stopping it would lose an upload the screen
   * said was under way. Any other flow ends here.
   */
  dispose(): void {
    const service = this.service;
    this.service = null;
    if (service && !isTransferring(service.getState().step.name)) service.dispose();
  }
}
