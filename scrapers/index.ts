// The sources rightsgraph can crawl, by name. Adding a source: one file in ./sources, one line here, one
// fixture test in test/scrapers.
import type { Source } from './source.ts';
import accessnow from './sources/accessnow.ts';
import amnesty from './sources/amnesty.ts';
import bhrrc from './sources/bhrrc.ts';
import guardian from './sources/guardian.ts';
import hrw from './sources/hrw.ts';
import ohchr from './sources/ohchr.ts';
import plus972 from './sources/plus972.ts';

export const SOURCES: readonly Source[] = [hrw, amnesty, ohchr, accessnow, bhrrc, guardian, plus972];

export function sourceNamed(name: string): Source | undefined {
  return SOURCES.find((s) => s.name === name);
}
