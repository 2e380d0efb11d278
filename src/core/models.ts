import type { BatchClient, Model } from '../api/index.js';
import { Observable } from './observable.js';

export interface ModelsState {
  models: readonly Model[] | null;
  loading: boolean;
  error: unknown;
  updatedAt: number | null;
}

/** GET /v1/models on demand: the list rarely changes, so it is not polled. */
export class ModelsService extends Observable<ModelsState> {
  private controller: AbortController | null = null;

  constructor(private readonly client: BatchClient) {
    super({ models: null, loading: false, error: null, updatedAt: null });
  }

  async load(): Promise<void> {
    if (this.getState().loading) return;
    this.controller = new AbortController();
    this.setState({ loading: true });
    try {
      const models = await this.client.listModels({ signal: this.controller.signal });
      this.setState({
        models: [...models].sort((a, b) => a.id.localeCompare(b.id)),
        loading: false,
        error: null,
        updatedAt: Date.now(),
      });
    } catch (error) {
      this.setState({ loading: false, error });
    }
  }

  /**
   * The list as it is once loaded: at once when it is there, else after a load (started here when
   * none runs, so an earlier failure is tried again). Its `models` is null when the load failed.
   */
  async settled(): Promise<ModelsState> {
    const state = this.getState();
    if (state.models) return state;
    if (!state.loading) {
      await this.load();
      return this.getState();
    }
    return new Promise((resolve) => {
      const stop = this.subscribe(() => {
        if (this.getState().loading) return;
        stop();
        resolve(this.getState());
      });
    });
  }

  dispose(): void {
    this.controller?.abort();
    this.clearListeners();
  }
}
