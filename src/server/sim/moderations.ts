import { seedFrom, seededRandom } from '../hash.js';
import { estimateTokens } from './answer.js';
import type { Synthesis } from './synthesis.js';

/**
 * Synthetic moderation results, shaped as OpenAI's: one result per input, every category with a
 * low score, seeded by the request so the same input gets the same scores. Nothing is flagged:
 * the scores are placeholders, not a judgement of the text.
 */
const CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

export function moderationResponse(body: Record<string, unknown>, seed: string): Synthesis {
  const model = String(body.model);
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  let tokens = 0;
  const results = inputs.map((input, index) => {
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    tokens += estimateTokens(text);
    const random = seededRandom(seedFrom(`${seed}:${index}`));
    const categories: Record<string, boolean> = {};
    const scores: Record<string, number> = {};
    const appliedTo: Record<string, string[]> = {};
    for (const category of CATEGORIES) {
      categories[category] = false;
      scores[category] = Math.round(random() * 0.01 * 1e6) / 1e6;
      appliedTo[category] = ['text'];
    }
    return { flagged: false, categories, category_scores: scores, category_applied_input_types: appliedTo };
  });
  return {
    body: { id: `modr-${seed.slice(0, 24)}`, model, results },
    usage: { input: tokens, cached: 0, output: 0, reasoning: 0 },
  };
}
