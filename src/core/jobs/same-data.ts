/**
 * Whether two values parsed from JSON hold the same data (plain objects, arrays, primitives). The
 * job list keeps the objects it already has when a refresh brings the same data again, so an
 * unchanged refresh allocates nothing that lives on and asks the screen to draw nothing.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameData(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameData(left[key], right[key]));
}

/**
 * `fresh`, with every item that holds the same data as the item of the same id in `previous`
 * replaced by that one; `previous` itself when nothing at all changed.
 */
export function reuseUnchanged<T extends { id: string }>(previous: readonly T[], fresh: readonly T[]): readonly T[] {
  const byId = new Map(previous.map((item) => [item.id, item]));
  let changed = previous.length !== fresh.length;
  const merged = fresh.map((item, i) => {
    const known = byId.get(item.id);
    const kept = known !== undefined && sameData(known, item) ? known : item;
    if (kept !== previous[i]) changed = true;
    return kept;
  });
  return changed ? merged : previous;
}
