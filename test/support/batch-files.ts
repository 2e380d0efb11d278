import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The models the fizz.ai guide names, in the order its example file first uses them. */
export const guideModels = [
  'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
  'fizzai/Meta-Llama-3.3-70B-Instruct-Turbo',
  'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo',
] as const;
export const guideModel = guideModels[0];

export interface RequestOptions {
  model?: string;
  url?: string;
  extraBody?: Record<string, unknown>;
}

/** One chat request line as the fizz.ai guide writes them. */
export function chatRequest(customId: string, question: string, options: RequestOptions = {}): Record<string, unknown> {
  return {
    custom_id: customId,
    method: 'POST',
    url: options.url ?? '/v1/chat/completions',
    body: {
      model: options.model ?? guideModel,
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: question },
      ],
      max_tokens: 1000,
      ...options.extraBody,
    },
  };
}

export function tempDir(prefix = 'fizz-batch-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes lines (objects are JSON-encoded, strings written as they are) and returns the path. */
export function writeJsonl(dir: string, name: string, lines: Array<Record<string, unknown> | string>): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return path;
}

export function questions(count: number, prefix = 'request'): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => chatRequest(`${prefix}-${i + 1}`, `What is ${i + 1} squared?`));
}
