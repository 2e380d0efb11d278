/**
 * An estimate of input tokens: about four characters of text per token, the rule of thumb for
 * English with OpenAI's tokenizers. It counts the text a request sends (message contents, inputs,
 * prompts, instructions), not the JSON around it, and is only an estimate: real counts depend on
 * the model's tokenizer, the language and the per-message overhead.
 */

export const CHARS_PER_TOKEN = 4;

/** Characters of text in one request body, for the endpoint it goes to (`/v1/...` or without `/v1`). */
export function inputChars(body: Record<string, unknown>, endpoint: string | null): number {
  switch (endpoint === null ? null : endpointKind(endpoint)) {
    case '/chat/completions':
      return textChars(body.messages, 0);
    case '/embeddings':
      return textChars(body.input, 0);
    case '/responses':
      return textChars(body.input, 0) + textChars(body.instructions, 0);
    case '/completions':
      return textChars(body.prompt, 0);
    default:
      return textChars(body.messages ?? body.input ?? body.prompt, 0);
  }
}

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** `/v1/chat/completions` and `/chat/completions` (Azure's form) are the same kind of request. */
export function endpointKind(url: string): string {
  return url.startsWith('/v1/') ? url.slice(3) : url;
}

/**
 * Strings count by length; arrays by their items; a message or content part by its `content` and
 * `text`. A number in an array (a token id, as embeddings accept) counts as one token.
 */
function textChars(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length;
  if (depth > 6 || value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) sum += typeof item === 'number' ? CHARS_PER_TOKEN : textChars(item, depth + 1);
    return sum;
  }
  const record = value as Record<string, unknown>;
  return textChars(record.content, depth + 1) + (typeof record.text === 'string' ? record.text.length : 0);
}
