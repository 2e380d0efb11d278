/**
 * Where UTF-8 breaks in a line, for the message: node's isUtf8 says whether a line is valid (fast,
 * run on every line); this finds the first bad byte, run only on the lines it rejected.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let follow: number;
    let min: number;
    let cp: number;
    if (lead >= 0xc2 && lead <= 0xdf) [follow, min, cp] = [1, 0x80, lead & 0x1f];
    else if (lead >= 0xe0 && lead <= 0xef) [follow, min, cp] = [2, 0x800, lead & 0x0f];
    else if (lead >= 0xf0 && lead <= 0xf4) [follow, min, cp] = [3, 0x10000, lead & 0x07];
    else return i;
    if (i + follow >= bytes.length) return i;
    for (let k = 1; k <= follow; k++) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += follow + 1;
  }
  return -1;
}

/** A byte-order mark of UTF-16, which a first line that is not UTF-8 often starts with. */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}
