import type { Endpoint } from '../types.js';

/**
 * The endpoints this server can answer, in batches and synchronously, in the order OpenAI lists
 * them in its "Supported values are: …" message.
 */
export const ENDPOINTS: readonly Endpoint[] = [
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/embeddings',
  '/v1/responses',
  '/v1/moderations',
];

export function isEndpoint(value: unknown): value is Endpoint {
  return typeof value === 'string' && (ENDPOINTS as readonly string[]).includes(value);
}

interface EndpointRules {
  /** The body field every request needs besides `model`, and OpenAI's message when it is missing. */
  required: { field: string; message: string };
  /** Prefix of the "Streaming is not supported" message; null where `stream` is no parameter. */
  streamingLabel: string | null;
}

export const ENDPOINT_RULES: Readonly<Record<Endpoint, EndpointRules>> = {
  '/v1/chat/completions': {
    required: { field: 'messages', message: 'Messages parameter is required.' },
    streamingLabel: 'Chat Completions',
  },
  '/v1/completions': {
    required: { field: 'prompt', message: 'Prompt parameter is required.' },
    streamingLabel: 'Completions',
  },
  '/v1/embeddings': { required: { field: 'input', message: 'Input parameter is required.' }, streamingLabel: null },
  '/v1/responses': {
    required: { field: 'input', message: 'Input parameter is required.' },
    streamingLabel: 'Responses',
  },
  '/v1/moderations': { required: { field: 'input', message: 'Input parameter is required.' }, streamingLabel: null },
};
