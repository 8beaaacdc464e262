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
    for (let i = 0; i < tokens.length; i++) {
      let frontier: Node<P>[] = [this.root];
      for (let j = i; j < tokens.length && j - i < this.maxLen && frontier.length; j++) {
        const w = tokens[j]!.norm;
        const nextFrontier: Node<P>[] = [];
        for (const n of frontier) {
          const exact = n.next.get(w);
          if (exact) nextFrontier.push(exact);
          if (n.prefixes.size) {
            for (const key of [w.slice(0, 2), w.slice(0, 1)]) {
              for (const [stem, child] of n.prefixes.get(key) ?? []) if (w.startsWith(stem) && (key.length === 2 || stem.length < 2)) nextFrontier.push(child);
              if (w.length < 2) break;
            }
          }
          if (n.any) nextFrontier.push(n.any);
        }
        for (const n of nextFrontier) for (const p of n.payloads) if (accept(p, i, j + 1)) hits.push({ from: i, to: j + 1, payload: p });
        frontier = nextFrontier.length > 8 ? nextFrontier.slice(0, 8) : nextFrontier;
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
