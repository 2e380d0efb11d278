import { fingerprint, reasoningTokens, type Synthesis } from './synthesis.js';
import { composeAnswer } from './answer.js';
import { fitToBudget, numberOr } from './budget.js';
import { conversationText } from './text-parts.js';

/** A synthetic Responses API `response` object, completed or cut short by `max_output_tokens`. */
export function responseObject(body: Record<string, unknown>, seed: string, created: number): Synthesis {
  const model = String(body.model);
  const instructions = typeof body.instructions === 'string' ? body.instructions : undefined;
  const items = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input as unknown[]);
  const conversation = conversationText(items, instructions);
  const budget = numberOr(body.max_output_tokens, null);
  const reasoning = reasoningTokens(model, seed, budget);
  const text = composeAnswer({ conversation: conversation.all, question: conversation.lastUser, seed });
  const fitted = fitToBudget(text, budget === null ? null : Math.max(1, budget - reasoning));
  const output = fitted.tokens + reasoning;
  return {
    body: {
      id: `resp_${seed.slice(0, 48)}`,
      object: 'response',
      created_at: created,
      status: fitted.truncated ? 'incomplete' : 'completed',
      error: null,
      incomplete_details: fitted.truncated ? { reason: 'max_output_tokens' } : null,
      instructions: instructions ?? null,
      max_output_tokens: budget,
      model,
      output: [
        {
          type: 'message',
          id: `msg_${seed.slice(16, 64)}`,
          status: fitted.truncated ? 'incomplete' : 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: fitted.text, annotations: [] }],
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      temperature: numberOr(body.temperature, 1),
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: numberOr(body.top_p, 1),
      truncation: 'disabled',
      usage: {
        input_tokens: conversation.promptTokens,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: output,
        output_tokens_details: { reasoning_tokens: reasoning },
        total_tokens: conversation.promptTokens + output,
      },
      user: null,
      metadata: {},
      system_fingerprint: fingerprint(model),
    },
    usage: { input: conversation.promptTokens, cached: 0, output, reasoning },
  };
}
