import type { Endpoint } from './types.js';

/**
 * The models the server knows, in every flavour. The first three are the ones the fizz.ai guide
 * names (its example file uses all three); the rest make the catalogue look like a real
 * provider's, including one embeddings model and one moderation model so `/v1/embeddings` and
 * `/v1/moderations` batches can be tried.
 */
export interface ModelInfo {
  id: string;
  created: number;
  owned_by: string;
  kind: 'chat' | 'embedding' | 'moderation';
  /** Reasoning models report reasoning tokens in their usage. */
  reasoning?: boolean;
}

export const MODELS: readonly ModelInfo[] = Object.freeze([
  { id: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo', created: 1731283200, owned_by: 'fizzai', kind: 'chat' },
  { id: 'fizzai/Meta-Llama-3.3-70B-Instruct-Turbo', created: 1733788800, owned_by: 'fizzai', kind: 'chat' },
  { id: 'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo', created: 1731283200, owned_by: 'fizzai', kind: 'chat' },
  { id: 'deepseek-ai/DeepSeek-R1', created: 1737590400, owned_by: 'fizzai', kind: 'chat', reasoning: true },
  { id: 'deepseek-ai/DeepSeek-V3-0324', created: 1742860800, owned_by: 'fizzai', kind: 'chat' },
  { id: 'Qwen/Qwen2.5-VL-7B-Instruct', created: 1738368000, owned_by: 'qwen', kind: 'chat' },
  { id: 'google/gemma-3-27b-it', created: 1741651200, owned_by: 'google', kind: 'chat' },
  { id: 'gpt-4o-mini', created: 1721172741, owned_by: 'system', kind: 'chat' },
  { id: 'text-embedding-3-small', created: 1705948997, owned_by: 'system', kind: 'embedding' },
  { id: 'omni-moderation-latest', created: 1731689265, owned_by: 'system', kind: 'moderation' },
]);

const byId = new Map(MODELS.map((m) => [m.id, m]));

export function findModel(id: string): ModelInfo | undefined {
  return byId.get(id);
}

/** Which kind of model an endpoint runs. */
export function modelKindFor(endpoint: Endpoint): ModelInfo['kind'] {
  if (endpoint === '/v1/embeddings') return 'embedding';
  return endpoint === '/v1/moderations' ? 'moderation' : 'chat';
}

/** The model if it exists and can serve `endpoint`. */
export function modelFor(endpoint: Endpoint, id: string): ModelInfo | undefined {
  const model = byId.get(id);
  return model && model.kind === modelKindFor(endpoint) ? model : undefined;
}
