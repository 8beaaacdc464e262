// Ids to their positions in an array of ids: an open-addressing hash table over a typed array, for the
// ClaimIndex's millions of entity and claim ids. Hand-written because a Map of 5 M string keys took 2.9 s to
// build when a store opened from its saved index (plus the garbage collector's share) and about 40 bytes a
// key; this is one hash pass and 8–12 bytes a key. Each position's hash is kept beside the slots, so a probe
// reads a string only when the hashes agree and growing the table rehashes no string (re-hashing every id
// at each doubling was a quarter of a 5 M-claim bulk load's index work). Ids are only ever added, never
// removed, so no tombstones.
export class IdIndex {
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** hashes[i]: the hash of ids[i], for the positions indexed so far. */
  private hashes: Int32Array;

  constructor(private readonly ids: readonly string[]) {
    this.slots = Int32Array.of(-1);
    this.mask = 0;
    this.hashes = new Int32Array(Math.max(16, ids.length));
    this.resize(ids.length);
    for (let i = 0; i < ids.length; i++) this.insert(i);
  }

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const k = hash(id);
    let h = k & this.mask;
    for (;;) {
      const v = this.slots[h]!;
      if (v < 0) return undefined;
      if (this.hashes[v] === k && this.ids[v] === id) return v;
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
    const k = hash(id);
    if (i >= this.hashes.length) {
      const grown = new Int32Array(Math.max(i + 1, this.hashes.length * 2));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[i] = k;
    let h = k & this.mask;
    for (;;) {
      const v = this.slots[h]!;
      if (v < 0) break;
      if (this.hashes[v] === k && this.ids[v] === id) return;
      h = (h + 1) & this.mask;
    }
    this.slots[h] = i;
    this.count++;
  }

  /** Room for `n` ids at a load of at most a half, re-placing what is held by its kept hash. */
  private resize(n: number): void {
    let size = 16;
    while (size < n * 2) size *= 2;
    const old = this.slots;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (const v of old) {
      if (v < 0) continue;
      let h = this.hashes[v]! & mask;
      while (slots[h]! >= 0) h = (h + 1) & mask;
      slots[h] = v;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
