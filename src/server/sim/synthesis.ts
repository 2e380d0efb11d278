import { findModel } from '../catalogue.js';
import { sha256Hex } from '../hash.js';
import type { TokenTotals } from '../types.js';

/** What every synthetic answer builder returns, and the traits they share per model. */
export interface Synthesis {
  body: Record<string, unknown>;
  usage: TokenTotals;
}

export function fingerprint(model: string): string {
  return `fp_${sha256Hex(`fingerprint:${model}`).slice(0, 10)}`;
}

/** Reasoning models "think" before answering: a deterministic share of the token budget. */
export function reasoningTokens(model: string, seed: string, budget: number | null): number {
  if (!findModel(model)?.reasoning) return 0;
  const planned = 60 + (Number.parseInt(seed.slice(-3), 16) % 400);
  return budget === null ? planned : Math.min(planned, Math.floor(budget / 2));
}
