/**
 * `Content-Disposition: attachment` for a stored file name, which may hold any Unicode (日本語.jsonl,
 * emoji) while a header may hold only visible ASCII. RFC 6266: an ASCII `filename=` for clients
 * that know nothing else, plus `filename*=UTF-8''…` (RFC 8187 encoding) with the real name when
 * the two differ.
 */
export function attachmentDisposition(filename: string): string {
  // Quotes and backslashes would need escaping many clients get wrong; `%` could be read as an
  // escape. Everything outside visible ASCII cannot be sent at all.
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  if (fallback === filename) return `attachment; filename="${filename}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}

/** Percent-encodes UTF-8 bytes except RFC 8187's attr-char (encodeURIComponent also keeps `'()*`). */
function encodeExtValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
