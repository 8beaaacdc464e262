// `npm run bench:ingest [-- --docs N]`: ingests N generated reports (default 10,000, about 5 KB each, half
// English, half French, built from templates with companies, government bodies and technologies drawn from
// the gazetteers plus invented firms) into a fresh embedded store, and prints documents/s, claims/s and
// peak RSS. Documents are written `--batch` at a time (default 50) in one transaction each (ingestTexts:
// whole documents only; a refused batch falls back to one transaction per document); --batch 1 is `ingest`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sha256Hex } from '../src/domain/index.ts';
import { ingestTexts } from '../src/ingest/ingest.ts';
import { KuzuStore } from '../src/store/kuzu/store.ts';
import { Progress } from '../src/util/progress.ts';
import { prng } from './generate.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' }, batch: { type: 'string', default: '50' } } });
const N = Number(values.docs);
const BATCH = Math.max(1, Number(values.batch));
const rnd = prng(5);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const names = (file: string) => (JSON.parse(readFileSync(join('seeds', 'gazetteer', file), 'utf8')) as Array<{ name: string }>).map((e) => e.name);
const companies = [...names('companies.json'), ...Array.from({ length: 300 }, (_, i) => `Vendor${i} Systems Ltd`)];
const bodies = names('government-bodies.json');
const techs = names('technologies.json');

const EN = [
  (c: string, b: string, t: string) => `${c} supplies ${t} to the ${b}, according to procurement records reviewed by researchers.`,
  (c: string, b: string, t: string) => `The ${b} uses ${t} provided by ${c} to monitor protesters, the report found.`,
  (c: string, _b: string, t: string) => `${c} sells ${t} to several government clients.`,
  (_c: string, b: string) => `Witnesses said the ${b} detained dozens of activists after the protests.`,
];
const FR = [
  (c: string, b: string, t: string) => `${c} fournit ${t} à ${b}, selon des documents d’achat consultés par les chercheurs.`,
  (c: string, b: string, t: string) => `${b} utilise ${t} fourni par ${c} pour surveiller les manifestants, selon le rapport.`,
  (c: string, _b: string, t: string) => `${c} vend ${t} à plusieurs clients gouvernementaux.`,
  (_c: string, b: string) => `Selon des témoins, ${b} a arrêté des dizaines de militants après les manifestations.`,
];
const FILLER = {
  en: 'The organisation interviewed people affected, reviewed public filings and wrote to the companies named for comment before publication. ',
  fr: 'L’organisation a interrogé des personnes concernées, examiné des documents publics et écrit aux entreprises citées avant publication. ',
};

function report(i: number): { text: string; lang: 'en' | 'fr' } {
  const lang = i % 2 ? 'fr' : 'en';
  const tpl = lang === 'fr' ? FR : EN;
  let text = '';
  while (text.length < 5000) {
    text += `${pick(tpl)(pick(companies), pick(bodies), pick(techs))} `;
    if (rnd() < 0.5) text += FILLER[lang];
    if (rnd() < 0.2) text += '\n\n';
  }
  return { text, lang };
}

const dir = mkdtempSync(join(tmpdir(), 'rg-bench-ingest-'));
try {
  const store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 1024 });
  const progress = new Progress({ label: 'ingest', total: N, unit: 'documents' });
  let claims = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
      const { text, lang } = report(i + k);
      bytes += text.length;
      return { text, meta: { sha256: sha256Hex(`${i + k}:${text}`), title: `Generated report ${i + k}`, language: lang, publishedAt: '2025-01-01' } };
    });
    const r = await ingestTexts(store, items);
    claims += r.written.claims.created;
    progress.tick(items.length);
  }
  const secs = (performance.now() - t0) / 1000;
  progress.done();
  const s = await store.stats();
  await store.close();
  console.log(`bench:ingest — ${N.toLocaleString('en')} documents (${Math.round(bytes / N / 1024)} KB each, half English, half French), ${BATCH} per transaction`);
  console.log(`${(N / secs).toFixed(1)} documents/s, ${Math.round(claims / secs).toLocaleString('en')} claims/s; graph: ${s.entities.toLocaleString('en')} entities, ${s.claims.toLocaleString('en')} claims`);
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024).toLocaleString('en')} MB`);
  console.log(`target ≥ 50 documents/s: ${N / secs >= 50 ? 'met' : 'MISSED'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
