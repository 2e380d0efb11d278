import { estimateTokens } from './answer.js';

/**
 * Applying a max-tokens budget to an answer: a text longer than the budget is cut (at a word
 * boundary when one is near) and reported with finish reason `length`, as a real model would.
 */
export interface Fitted {
  text: string;
  tokens: number;
  truncated: boolean;
}

export function fitToBudget(text: string, budget: number | null): Fitted {
  const tokens = estimateTokens(text);
  if (budget === null || tokens <= budget) return { text, tokens, truncated: false };
  const room = Math.max(0, budget * 4);
  let cut = text.slice(0, room);
  const space = cut.lastIndexOf(' ');
  if (space > room / 2) cut = cut.slice(0, space);
  return { text: cut, tokens: budget, truncated: true };
}

export function numberOr(value: unknown, fallback: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
