import { isPlainObject } from '../errors.js';
import { estimateTokens } from './answer.js';

/**
 * Reading the text out of chat messages and Responses input items, whose `content` is either a
 * string or an array of typed parts (text, images…).
 */

export interface ConversationText {
  /** All texts, in order, joined by newlines. */
  all: string;
  /** The last user text (or the last text at all). */
  lastUser: string;
  /** Approximate prompt tokens: text at 4 characters per token, message overhead, images. */
  promptTokens: number;
}

const IMAGE_TOKENS = 85;
const MESSAGE_OVERHEAD_TOKENS = 3;

export function conversationText(items: unknown[], extraSystem?: string): ConversationText {
  const texts: string[] = extraSystem ? [extraSystem] : [];
  let lastUser = '';
  let lastAny = '';
  let images = 0;
  for (const item of items) {
    if (!isPlainObject(item)) continue;
    const { text, imageCount } = contentText(item.content);
    images += imageCount;
    texts.push(text);
    if (text === '') continue;
    lastAny = text;
    if (item.role === 'user') lastUser = text;
  }
  const all = texts.join('\n');
  return {
    all,
    lastUser: lastUser || lastAny,
    promptTokens: estimateTokens(all) + MESSAGE_OVERHEAD_TOKENS * Math.max(1, items.length) + IMAGE_TOKENS * images,
  };
}

function contentText(content: unknown): { text: string; imageCount: number } {
  if (typeof content === 'string') return { text: content, imageCount: 0 };
  if (!Array.isArray(content)) return { text: '', imageCount: 0 };
  const parts: string[] = [];
  let imageCount = 0;
  for (const part of content) {
    if (typeof part === 'string') parts.push(part);
    else if (isPlainObject(part)) {
      if (typeof part.text === 'string') parts.push(part.text);
      else if (typeof part.type === 'string' && part.type.includes('image')) imageCount += 1;
    }
  }
  return { text: parts.join('\n'), imageCount };
}
