/**
 * Breaks text into rows of at most `width` characters at spaces (long words are cut), for the
 * places where a message must be read whole rather than truncated. At most `maxRows` rows: the
 * last one ends in … when text is left over.
 */
export function wrapText(text: string, width: number, maxRows = Infinity): string[] {
  if (width <= 0) return [];
  const rows: string[] = [];
  let rest = text.trim();
  while (rest.length > 0 && rows.length < maxRows) {
    if (rest.length <= width) {
      rows.push(rest);
      rest = '';
      break;
    }
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 3 ? space : width;
    rows.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 && rows.length > 0) {
    const last = rows[rows.length - 1]!;
    rows[rows.length - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  }
  return rows;
}
