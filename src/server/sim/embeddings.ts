import { sha256Hex, seedFrom, seededRandom } from '../hash.js';
import type { Synthesis } from './synthesis.js';
import { estimateTokens } from './answer.js';

/**
 * Synthetic embeddings: a unit vector per input, seeded by the model and the input, so equal
 * texts get equal vectors (cosine similarity 1) and different texts nearly orthogonal ones.
 */
const DEFAULT_DIMENSIONS = 1536;

export function embeddingResponse(body: Record<string, unknown>): Synthesis {
  const model = String(body.model);
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : DEFAULT_DIMENSIONS;
  const base64 = body.encoding_format === 'base64';
  const inputs = splitInputs(body.input);
  let tokens = 0;
  const data = inputs.map((input, index) => {
    tokens += typeof input === 'string' ? estimateTokens(input) : input.length;
    const vector = unitVector(`${model}\u0000${JSON.stringify(input)}`, dimensions);
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
    };
  });
  return {
    body: { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
    usage: { input: tokens, cached: 0, output: 0, reasoning: 0 },
  };
}

/** One string, many strings, one token array or many token arrays. */
function splitInputs(input: unknown): Array<string | number[]> {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [String(input)];
  if (input.every((item) => typeof item === 'number')) return [input as number[]];
  return input.map((item) => (Array.isArray(item) ? (item as number[]) : String(item)));
}

function unitVector(key: string, dimensions: number): number[] {
  const random = seededRandom(seedFrom(sha256Hex(key)));
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => Math.round((v / norm) * 1e6) / 1e6);
}
