// `npm run eval:resolve`: resolution precision and recall on a labelled set built here. The store holds every
// gazetteer entity (name and aliases); mentions are (1) positives: each entity's aliases and name variants
// (case, accents, legal suffixes, a leading article) that must land on it, and (2) negatives: the
// hand-labelled hard negatives of seeds/eval/resolve-hard-negatives.json ("Amazon rainforest" is not the
// company, "Unit 81" is not Unit 8200) and every entity's name asked as another kind, which must not land
// on it. Precision = right matches / matches made; recall = right matches / positives.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entityId, type EntityKind } from '../src/domain/index.ts';
import { Resolver } from '../src/resolve/resolver.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';

interface GazEntry { kind: EntityKind; name: string; aliases?: string[]; wikidata?: string }
const entries: GazEntry[] = readdirSync('seeds/gazetteer').flatMap((f) => JSON.parse(readFileSync(join('seeds/gazetteer', f), 'utf8')) as GazEntry[]);
const idOf = (e: GazEntry) => entityId(e.kind, { name: e.name, wikidataId: e.wikidata });
const byName = new Map(entries.map((e) => [e.name, e]));
const hard = (JSON.parse(readFileSync('seeds/eval/resolve-hard-negatives.json', 'utf8')) as { pairs: Array<{ kind: EntityKind; mention: string; not: string }> }).pairs;

const SUFFIX = /\s*,?\s+(inc\.?|ltd\.?|llc|corp\.?|corporation|co\.?,? ltd\.?|limited|plc|gmbh|s\.a\.|sa|ag)$/i;
function variants(e: GazEntry): string[] {
  const out = new Set<string>([...(e.aliases ?? [])]);
  out.add(e.name.toUpperCase());
  out.add(e.name.normalize('NFD').replace(/\p{M}/gu, ''));
  if (e.kind === 'Company') out.add(SUFFIX.test(e.name) ? e.name.replace(SUFFIX, '') : `${e.name} Ltd`);
  if (e.kind === 'Organization' && !/^(the|le|la|les|l')\s/i.test(e.name)) out.add(`the ${e.name}`);
  out.delete(e.name);
  return [...out].filter((v) => v.trim().length > 1);
}

type Pair = { kind: EntityKind; mention: string; expect: string | null; why: string };
const pairs: Pair[] = [];
for (const e of entries) for (const v of variants(e)) pairs.push({ kind: e.kind, mention: v, expect: idOf(e), why: 'variant' });
// A hard negative must not land on the look-alike; if the gazetteer holds the thing it does name, by name or
// alias (Unit 81 is there too; "Human Rights Council" is the UN body's alias), landing on that one is right.
const sameName = (kind: EntityKind, name: string) => entries.find((x) => x.kind === kind && [x.name, ...(x.aliases ?? [])].some((n) => n.toLowerCase() === name.toLowerCase()));
for (const h of hard) {
  const own = sameName(h.kind, h.mention);
  pairs.push({ kind: h.kind, mention: h.mention, expect: own ? idOf(own) : null, why: `hard negative (not ${h.not})` });
}
const OTHER: Partial<Record<EntityKind, EntityKind>> = { Company: 'Organization', Organization: 'Company', GovernmentBody: 'Organization', Technology: 'Company', Location: 'Organization' };
const namesOfKind = (k: EntityKind) => new Set(entries.filter((x) => x.kind === k).flatMap((x) => [x.name, ...(x.aliases ?? [])].map((n) => n.toLowerCase())));
for (const e of entries) if (OTHER[e.kind] && !namesOfKind(OTHER[e.kind]!).has(e.name.toLowerCase())) pairs.push({ kind: OTHER[e.kind]!, mention: e.name, expect: null, why: `kind mismatch (${e.kind})` });

const dir = mkdtempSync(join(tmpdir(), 'rg-eval-resolve-'));
try {
  const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 256 });
  await store.upsert({
    entities: entries.map((e) => ({ id: idOf(e), kind: e.kind, name: e.name, aliases: e.aliases ?? [], externalIds: e.wikidata ? { wikidata: e.wikidata } : {} })),
  });
  const resolver = new Resolver(store);
  let made = 0;
  let right = 0;
  let positives = 0;
  const errors: string[] = [];
  for (const p of pairs) {
    const got = await resolver.resolve({ kind: p.kind, name: p.mention, aliases: [], wikidataId: undefined });
    const matched = (await store.getEntities([got])).length > 0 ? got : null;
    if (p.expect) positives++;
    if (matched) {
      made++;
      if (matched === p.expect) right++;
      else errors.push(`WRONG  ${p.kind} "${p.mention}" → ${matched} (expected ${p.expect ?? 'a new entity'}; ${p.why})`);
    } else if (p.expect) errors.push(`MISSED ${p.kind} "${p.mention}" (expected ${p.expect})`);
  }
  await store.close();
  const precision = made ? right / made : 1;
  const recall = positives ? right / positives : 1;
  console.log(`eval:resolve — ${pairs.length} labelled pairs (${positives} positives from ${entries.length} gazetteer entities; ${pairs.length - positives} negatives, ${hard.length} of them hand-labelled hard negatives)`);
  console.log(`precision ${precision.toFixed(3)} (target 0.98), recall ${recall.toFixed(3)} (target 0.90); ${resolver.lookups} id lookups, ${resolver.searches} searches`);
  for (const e of errors.slice(0, 40)) console.log(`  ${e}`);
  if (errors.length > 40) console.log(`  … and ${errors.length - 40} more`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
