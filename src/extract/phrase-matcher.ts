// Finds every lexicon phrase in a token stream in one pass: a trie over folded words (with `word*` prefix
// edges and a `*` edge for "any one word"), walked from each token, so the cost is linear in the text
// times the longest phrase, whatever the number of phrases. Overlaps resolve leftmost-longest.
import type { Token } from './tokens.ts';

export interface PhraseHit<P> {
  /** Token indexes [from, to). */
  from: number;
  to: number;
  payload: P;
}

interface Node<P> {
  next: Map<string, Node<P>>;
  /** Prefix edges by their first two letters (one-letter stems under their letter). */
  prefixes: Map<string, Array<[string, Node<P>]>>;
  any?: Node<P>;
  payloads: P[];
}

const node = <P>(): Node<P> => ({ next: new Map(), prefixes: new Map(), payloads: [] });

/** Each token's first two letters, computed once per token list for every matcher run over it. */
const heads2 = new WeakMap<readonly Token[], string[]>();
function firstTwo(tokens: readonly Token[]): string[] {
  let h = heads2.get(tokens);
  if (!h) heads2.set(tokens, (h = tokens.map((t) => t.norm.slice(0, 2))));
  return h;
}

export class PhraseMatcher<P> {
  private readonly root: Node<P> = node();
  private maxLen = 0;

  add(words: readonly string[], payload: P): void {
    if (!words.length) return;
    let n = this.root;
    for (const w of words) {
      if (w === '*') n = n.any ??= node();
      else if (w.endsWith('*')) {
        const stem = w.slice(0, -1);
        const bucket = n.prefixes.get(stem.slice(0, 2)) ?? [];
        n.prefixes.set(stem.slice(0, 2), bucket);
        let child = bucket.find(([s]) => s === stem)?.[1];
        if (!child) bucket.push([stem, (child = node())]);
        n = child;
      } else {
        let child = n.next.get(w);
        if (!child) n.next.set(w, (child = node()));
        n = child;
      }
    }
    n.payloads.push(payload);
    this.maxLen = Math.max(this.maxLen, words.length);
  }

  /** Every phrase occurrence starting at each token (all lengths), accepted or not by `accept`. */
  all(tokens: readonly Token[], accept: (p: P, from: number, to: number) => boolean = () => true): PhraseHit<P>[] {
    const hits: PhraseHit<P>[] = [];
    // Two frontiers with counts, reused for the whole pass: this loop runs once per token and must not allocate.
    const MAX = 8;
    let cur: Array<Node<P>> = new Array(MAX * 4);
    let nxt: Array<Node<P>> = new Array(MAX * 4);
    const two = firstTwo(tokens);
    const rootPrefixes = this.root.prefixes.size > 0;
    for (let i = 0; i < tokens.length; i++) {
      // Most tokens start no phrase: test the root's edges before anything else.
      const first = tokens[i]!.norm;
      if (!this.root.next.has(first) && !this.root.any && !(rootPrefixes && (this.root.prefixes.has(two[i]!) || this.root.prefixes.has(first[0] ?? '')))) continue;
      cur[0] = this.root;
      let curN = 1;
      for (let j = i; j < tokens.length && j - i < this.maxLen && curN; j++) {
        const w = tokens[j]!.norm;
        let nxtN = 0;
        for (let f = 0; f < curN && nxtN < MAX * 3; f++) {
          const n = cur[f]!;
          const exact = n.next.get(w);
          if (exact) nxt[nxtN++] = exact;
          if (n.prefixes.size) {
            for (const [stem, child] of n.prefixes.get(two[j]!) ?? []) if (w.startsWith(stem)) nxt[nxtN++] = child;
            if (w.length >= 2) for (const [stem, child] of n.prefixes.get(w[0]!) ?? []) if (stem.length < 2 && w.startsWith(stem)) nxt[nxtN++] = child;
          }
          if (n.any) nxt[nxtN++] = n.any;
        }
        for (let f = 0; f < nxtN; f++) for (const p of nxt[f]!.payloads) if (accept(p, i, j + 1)) hits.push({ from: i, to: j + 1, payload: p });
        curN = Math.min(nxtN, MAX);
        const t = cur;
        cur = nxt;
        nxt = t;
      }
    }
    return hits;
  }

  /** Non-overlapping hits, leftmost first and longest at each start. */
  longest(tokens: readonly Token[], accept?: (p: P, from: number, to: number) => boolean): PhraseHit<P>[] {
    const hits = this.all(tokens, accept).sort((a, b) => a.from - b.from || b.to - a.to);
    const out: PhraseHit<P>[] = [];
    let end = 0;
    for (const h of hits) {
      if (h.from < end) continue;
      out.push(h);
      end = h.to;
    }
    return out;
  }
}

/** What a phrase list answers: every hit, or the non-overlapping leftmost-longest ones. */
export interface PhraseLookup<P> {
  all(tokens: readonly Token[]): PhraseHit<P>[];
  longest(tokens: readonly Token[]): PhraseHit<P>[];
}

/**
 * Several phrase lists in one trie: a document is scanned once for all of them (a pass per list cost as
 * much as the rest of a reader), and each list is read back as if it had its own matcher. The hits of the
 * last token list are kept, so the readers of one document share one scan.
 */
export class PhraseLists {
  private readonly trie = new PhraseMatcher<{ list: number; payload: unknown }>();
  private lists = 0;
  private last: { tokens: readonly Token[]; byList: Array<PhraseHit<unknown>[]> } | null = null;

  list<P>(entries: Iterable<[readonly string[], P]>): PhraseLookup<P> {
    const id = this.lists++;
    for (const [words, payload] of entries) this.trie.add(words, { list: id, payload });
    const all = (tokens: readonly Token[]) => this.scan(tokens)[id] as PhraseHit<P>[];
    return {
      all,
      longest: (tokens) => {
        const out: PhraseHit<P>[] = [];
        let end = 0;
        for (const h of [...all(tokens)].sort((a, b) => a.from - b.from || b.to - a.to)) {
          if (h.from < end) continue;
          out.push(h);
          end = h.to;
        }
        return out;
      },
    };
  }

  private scan(tokens: readonly Token[]): Array<PhraseHit<unknown>[]> {
    if (this.last?.tokens === tokens) return this.last.byList;
    const byList: Array<PhraseHit<unknown>[]> = Array.from({ length: this.lists }, () => []);
    for (const h of this.trie.all(tokens)) byList[h.payload.list]!.push({ from: h.from, to: h.to, payload: h.payload.payload });
    this.last = { tokens, byList };
    return byList;
  }
}
