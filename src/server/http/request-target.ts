import { invalidRequest, type ApiError } from '../errors.js';

/**
 * The request target of a request line (`GET <target> HTTP/1.1`) as a URL, or a 400. Clients send
 * the origin form (`/v1/files?limit=5`); proxy-style clients the absolute form
 * (`http://host/v1/files`). Every byte of it comes from the client: a target WHATWG URL cannot
 * parse (`//[x`, `http://a:99999/`), a path starting `//` (which URL parsers read as a host), or a
 * path whose percent-encoding does not decode is refused here, inside the request's error
 * handling, so no request can take the server down.
 */
export function parseRequestTarget(raw: string): URL {
  if (raw.startsWith('//')) throw badTarget(raw, 'a path may not start with //');
  let url: URL;
  try {
    // The origin form is put after a fixed origin, so nothing in it can be read as a host.
    url = raw.startsWith('/') ? new URL(`http://localhost${raw}`) : new URL(raw);
  } catch {
    throw badTarget(raw, 'it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badTarget(raw, 'only http and https URLs are served');
  try {
    decodeURIComponent(url.pathname);
  } catch {
    throw badTarget(raw, 'its path has invalid percent-encoding');
  }
  return url;
}

/** The target as a log line or message may show it: short, and with anything unusual escaped. */
export function describeTarget(raw: string): string {
  const shown = raw.length > 120 ? `${raw.slice(0, 120)}…` : raw;
  return JSON.stringify(shown).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function badTarget(raw: string, why: string): ApiError {
  return invalidRequest(400, `Invalid request target ${describeTarget(raw)}: ${why}.`, null, 'invalid_url');
}
