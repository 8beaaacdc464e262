// Ids to their positions in an array of ids: an open-addressing hash table over a typed array, for the
// ClaimIndex's millions of entity and claim ids. Hand-written because a Map of 5 M string keys took 2.9 s to
// build when a store opened from its saved index (plus the garbage collector's share) and about 40 bytes a
// key; this is one hash pass and 4–8 bytes a key. Ids are only ever added, never removed, so no tombstones.
export class IdIndex {
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(private readonly ids: readonly string[]) {
    this.slots = Int32Array.of(-1);
    this.mask = 0;
    this.resize(ids.length);
    for (let i = 0; i < ids.length; i++) this.insert(i);
  }

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    let h = hash(id) & this.mask;
    for (;;) {
      const v = this.slots[h]!;
      if (v < 0) return undefined;
      if (this.ids[v] === id) return v;
      h = (h + 1) & this.mask;
    }
  }

  /** Indexes ids[i] (just pushed by the caller); an id already present keeps its first position. */
  add(i: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.resize(this.count + 1);
    this.insert(i);
  }

  private insert(i: number): void {
    const id = this.ids[i]!;
    let h = hash(id) & this.mask;
    for (;;) {
      const v = this.slots[h]!;
      if (v < 0) break;
      if (this.ids[v] === id) return;
      h = (h + 1) & this.mask;
    }
    this.slots[h] = i;
    this.count++;
  }

  /** Room for `n` ids at a load of at most a half, re-inserting what is held. */
  private resize(n: number): void {
    let size = 16;
    while (size < n * 2) size *= 2;
    const old = this.slots;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.count = 0;
    for (const v of old) if (v >= 0) this.insert(v);
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
