import { endpointKind } from './tokens.js';
import { show, describe } from './wording.js';

/** What each endpoint needs in `body` besides `model`. Keyed by the path without `/v1`. */
export const REQUIRED_INPUT: Record<string, { field: string; code: string; what: string }> = {
  '/chat/completions': {
    field: 'messages',
    code: 'missing_messages',
    what: 'chat requests need a "messages" array of {"role", "content"} objects',
  },
  '/embeddings': {
    field: 'input',
    code: 'missing_input',
    what: 'embeddings requests need an "input" (a string or an array of strings)',
  },
  '/responses': {
    field: 'input',
    code: 'missing_input',
    what: 'responses requests need an "input" (a string or an array of input items)',
  },
  '/completions': { field: 'prompt', code: 'missing_prompt', what: 'completions requests need a "prompt"' },
  '/moderations': {
    field: 'input',
    code: 'missing_input',
    what: 'moderations requests need an "input" (a string, an array of strings, or text and image parts)',
  },
};

/**
 * The known endpoint an unknown path looks like a typo of: its first segment after the version
 * and the known one's start alike (`/v1/chat/complete`, `/v1/embedding`), or undefined.
 */
function resembleKnown(url: string, known: readonly string[]): string | undefined {
  const head = (path: string) => (path.split('/')[2] ?? '').toLowerCase();
  const mine = head(url);
  if (mine.length < 4) return undefined;
  return known.find((k) => head(k).startsWith(mine) || mine.startsWith(head(k)));
}

/** An endpoint path as providers list them (`/v1/images/generations`): not a typo, not a URL, no spaces. */
const ENDPOINT_PATH = /^\/v\d+(\/[a-z0-9._-]+)+$/i;

export type UrlCheck =
  | { kind: 'known'; url: string }
  /** An endpoint path fizz-batch does not know (OpenAI's images and videos): the provider may accept it. */
  | { kind: 'unknown'; url: string }
  | { kind: 'unsupported'; message: string };

/** A line's url against the endpoints fizz-batch knows: known, an endpoint it does not know, or wrong (and why). */
export function checkUrl(url: unknown, known: readonly string[]): UrlCheck {
  if (typeof url === 'string' && known.includes(url)) return { kind: 'known', url };
  if (typeof url === 'string' && ENDPOINT_PATH.test(url) && !resembleKnown(url, known)) return { kind: 'unknown', url };
  const list = known.join(', ');
  if (url === undefined || url === null)
    return { kind: 'unsupported', message: `url is missing: add the endpoint, one of ${list}.` };
  if (typeof url !== 'string')
    return { kind: 'unsupported', message: `url is ${describe(url)}; it must be the endpoint path, one of ${list}.` };
  const guess =
    known.find(
      (k) =>
        k === `/v1${url}` ||
        k === url.replace(/\/+$/, '') ||
        k === `/v1${url.replace(/\/+$/, '')}` ||
        endpointKind(k) === endpointKind(url.toLowerCase()),
    ) ?? resembleKnown(url, known);
  return {
    kind: 'unsupported',
    message: `url ${show(url)} is not a supported endpoint; use one of ${list}.${guess ? ` Did you mean ${guess}?` : ''}`,
  };
}
