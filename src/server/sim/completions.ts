import { canonicalJson, sha256Hex } from '../hash.js';
import type { Endpoint } from '../types.js';
import { composeAnswer, estimateTokens } from './answer.js';
import { fitToBudget, numberOr } from './budget.js';
import { embeddingResponse } from './embeddings.js';
import { moderationResponse } from './moderations.js';
import { responseObject } from './responses.js';
import { fingerprint, reasoningTokens, type Synthesis } from './synthesis.js';
import { conversationText } from './text-parts.js';

/**
 * Deterministic synthetic answers: the same request body always gives the same body back (ids,
 * text, token counts), whether it runs synchronously or in a batch; only `created` follows the
 * clock. Bodies are assumed to have passed `checkRequestBody` and the model check.
 */
export function synthesize(endpoint: Endpoint, body: Record<string, unknown>, createdSec: number): Synthesis {
  const seed = sha256Hex(canonicalJson({ ...body, stream: undefined, stream_options: undefined }));
  switch (endpoint) {
    case '/v1/chat/completions':
      return chatCompletion(body, seed, createdSec);
    case '/v1/completions':
      return textCompletion(body, seed, createdSec);
    case '/v1/embeddings':
      return embeddingResponse(body);
    case '/v1/responses':
      return responseObject(body, seed, createdSec);
    case '/v1/moderations':
      return moderationResponse(body, seed);
  }
}

function chatCompletion(body: Record<string, unknown>, seed: string, created: number): Synthesis {
  const model = String(body.model);
  const conversation = conversationText(body.messages as unknown[]);
  const budget = numberOr(body.max_completion_tokens, numberOr(body.max_tokens, null));
  const reasoning = reasoningTokens(model, seed, budget);
  const n = numberOr(body.n, 1) ?? 1;
  let completionTokens = reasoning;
  const choices = Array.from({ length: n }, (_, index) => {
    const text = composeAnswer({
      conversation: conversation.all,
      question: conversation.lastUser,
      seed: index === 0 ? seed : sha256Hex(`${seed}:${index}`),
    });
    const fitted = fitToBudget(text, budget === null ? null : Math.max(1, budget - reasoning));
    completionTokens += fitted.tokens;
    return {
      index,
      message: { role: 'assistant', content: fitted.text, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: fitted.truncated ? 'length' : 'stop',
    };
  });
  return {
    body: {
      id: `chatcmpl-${seed.slice(0, 29)}`,
      object: 'chat.completion',
      created,
      model,
      choices,
      usage: {
        prompt_tokens: conversation.promptTokens,
        completion_tokens: completionTokens,
        total_tokens: conversation.promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: reasoning,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: fingerprint(model),
    },
    usage: { input: conversation.promptTokens, cached: 0, output: completionTokens, reasoning },
  };
}

function textCompletion(body: Record<string, unknown>, seed: string, created: number): Synthesis {
  const model = String(body.model);
  const prompts = Array.isArray(body.prompt) ? (body.prompt as string[]) : [String(body.prompt)];
  // The completions endpoint's default max_tokens is 16, so long answers stop with `length`.
  const budget = numberOr(body.max_tokens, 16);
  let promptTokens = 0;
  let completionTokens = 0;
  const choices = prompts.map((prompt, index) => {
    promptTokens += estimateTokens(prompt);
    const text = composeAnswer({
      conversation: prompt,
      question: prompt,
      seed: index === 0 ? seed : sha256Hex(`${seed}:${index}`),
    });
    const fitted = fitToBudget(` ${text}`, budget);
    completionTokens += fitted.tokens;
    return { text: fitted.text, index, logprobs: null, finish_reason: fitted.truncated ? 'length' : 'stop' };
  });
  return {
    body: {
      id: `cmpl-${seed.slice(0, 29)}`,
      object: 'text_completion',
      created,
      model,
      choices,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      system_fingerprint: fingerprint(model),
    },
    usage: { input: promptTokens, cached: 0, output: completionTokens, reasoning: 0 },
  };
}
