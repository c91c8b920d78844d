/**
 * Visits the items of a binary min-heap in order, without changing it, and returns the first
 * that passes `ok`: O(k log k) for the k items visited. For the rare paths that must skip a few
 * heads (agents who declined a contact).
 */
export function firstInHeapOrder<T>(items: readonly T[], before: (a: T, b: T) => boolean, ok: (x: T) => boolean): T | undefined {
  const frontier: number[] = items.length > 0 ? [0] : [];
  while (frontier.length > 0) {
    let bi = 0;
    for (let j = 1; j < frontier.length; j++) {
      if (before(items[frontier[j] as number] as T, items[frontier[bi] as number] as T)) bi = j;
    }
    const idx = frontier[bi] as number;
    frontier[bi] = frontier[frontier.length - 1] as number;
    frontier.pop();
    const x = items[idx] as T;
    if (ok(x)) return x;
    if (2 * idx + 1 < items.length) frontier.push(2 * idx + 1);
    if (2 * idx + 2 < items.length) frontier.push(2 * idx + 2);
  }
  return undefined;
}
