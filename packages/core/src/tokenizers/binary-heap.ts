/**
 * A small binary heap ordered by a comparator, used by BPE training (best pair first) and BPE
 * encoding (lowest merge rank first). Both use lazy deletion: stale entries are skipped when popped.
 */

/** A binary heap whose `pop` returns the entry that `before` puts first. */
export class BinaryHeap<T> {
  private readonly items: T[] = [];
  private readonly before: (a: T, b: T) => boolean;

  /** `before(a, b)` is true when `a` must come out before `b`. */
  constructor(before: (a: T, b: T) => boolean) {
    this.before = before;
  }

  /** Number of entries. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an entry. */
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!this.before(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the first entry, or undefined when empty. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.before(items[r] as T, items[l] as T)) c = r;
      const child = items[c] as T;
      if (!this.before(child, last)) break;
      items[i] = child;
      i = c;
    }
    items[i] = last;
    return top;
  }
}
