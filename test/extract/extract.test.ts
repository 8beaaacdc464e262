// The extractor: exact quotes and offsets on the French dev corpus and an English document written for
// this test, the claims a reader expects from the English one, bounded valid output on adversarial text,
// and input files (HTML, PDF, binary, oversized) read or refused with a clear error.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Extraction } from '../../src/domain/extraction.ts';
import { extract } from '../../src/extract/extract.ts';
import { InputError, readInput } from '../../src/extract/read-input.ts';
import { devCorpusDir } from '../../src/util/shared.ts';
import { makePdf } from './pdf-fixture.ts';

function checkOffsets(text: string, r: Extraction) {
  expect(Extraction.safeParse(r).success).toBe(true);
  const ids = new Set(r.entities.map((e) => e.id));
  for (const c of r.claims) {
    expect(text.slice(c.start, c.end)).toBe(c.quote);
    expect(ids.has(c.subject) && ids.has(c.object)).toBe(true);
  }
  for (const e of r.entities) for (const m of e.mentions ?? []) expect(text.slice(m.start, m.end)).toBe(m.text);
}

const named = (r: Extraction) => {
  const name = new Map(r.entities.map((e) => [e.id, e.name]));
  return r.claims.map((c) => `${name.get(c.subject)} ${c.type} ${name.get(c.object)}`);
};

let dev: string | null = null;
try {
  dev = devCorpusDir();
} catch {
  dev = null;
}

describe.skipIf(!dev)('the dev corpus, French and English, whatever its size', () => {
  it('quotes every claim exactly, with offsets into the text, and finds entities and claims in every report', () => {
    const files = readdirSync(dev!).filter((f) => /^\d+\.txt$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(dev!, f), 'utf8');
      const meta = JSON.parse(readFileSync(join(dev!, f.replace(/\.txt$/, '.meta.json')), 'utf8')) as { lang: string };
      const r = extract(text, { language: meta.lang });
      expect(r.entities.length, f).toBeGreaterThan(0);
      expect(r.claims.length, f).toBeGreaterThan(0);
      checkOffsets(text, r);
    }
  });
});

describe('an English report', () => {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/extract/en-suppliers.txt'), 'utf8');
  const r = extract(text);

  it('detects English and finds the named entities with their kinds', () => {
    expect(r.document.language).toBe('en');
    const kinds = new Map(r.entities.map((e) => [e.name, e.kind]));
    expect(kinds.get('Amazon Web Services')).toBe('Company');
    expect(kinds.get('U.S. Immigration and Customs Enforcement')).toBe('GovernmentBody');
    expect(kinds.get('Human Rights Watch')).toBe('Organization');
    expect(kinds.get('Xinjiang')).toBe('Location');
    expect(kinds.get('Jane Doe')).toBe('Person');
    checkOffsets(text, r);
  });

  it('states who supplies whom, who documents what, and roles', () => {
    const claims = named(r);
    expect(claims).toEqual(
      expect.arrayContaining([
        'Palantir Technologies SUPPLIES U.S. Immigration and Customs Enforcement',
        'NSO Group SUPPLIES Government of Saudi Arabia',
        'Amazon Web Services SUPPLIES Israel Defense Forces',
        'Human Rights Watch DOCUMENTS mass surveillance of Uyghurs',
        'mass surveillance of Uyghurs OCCURRED_IN Xinjiang',
        'Jane Doe ROLE_IN Amnesty International',
      ]),
    );
    // No claim links an entity to itself or breaks the ontology's signatures (Extraction parsed above).
    expect(claims.some((c) => c.startsWith('Microsoft SUPPLIES'))).toBe(false);
  });

  it('marks reported and denied statements', () => {
    const alleged = extract('The Israeli army reportedly uses Azure, according to the Guardian.', { language: 'en' });
    expect(alleged.claims.find((c) => c.type === 'USES')?.certainty).toBe('alleged');
    const denied = extract("L'armée israélienne n'a pas utilisé Azure.", { language: 'fr' });
    expect(denied.claims.find((c) => c.type === 'USES')?.certainty).toBe('denied');
  });
});

describe('adversarial text', () => {
  const cases: Array<[string, string]> = [
    ['1 MB of one character', 'a'.repeat(1024 * 1024)],
    ['long runs of capitals', 'ABCDEFGH IJKLMNOP '.repeat(20_000)],
    ['nested brackets', `${'('.repeat(50_000)}Microsoft${')'.repeat(50_000)}`],
    ['mixed scripts and right-to-left text', 'Microsoft ‏מיקרוסופט‎ fournit Azure à l’Unité 8200 — مايكروسوفت 微软 '.repeat(500)],
    ['empty text', ''],
    ['only punctuation', '.!?…'.repeat(10_000)],
  ];
  for (const [label, text] of cases) {
    it(`gives a bounded, valid output on ${label}`, () => {
      const r = extract(text);
      checkOffsets(text, r);
      expect(r.claims.length).toBeLessThanOrEqual(text.length);
    });
  }
});

describe('reading input files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-input-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes the main text of an HTML page, without scripts and menus', async () => {
    const f = join(dir, 'page.html');
    await writeFile(f, '<!doctype html><html><body><nav>Home | Login</nav><script>alert(1)</script><main><h1>Report</h1><p>Microsoft fournit Azure à l’armée israélienne.</p></main><footer>© 2025</footer></body></html>');
    const text = await readInput(f);
    expect(text).toContain('Microsoft fournit Azure');
    expect(text).not.toMatch(/Login|alert|©/);
  });

  it('reads the text layer of a PDF, and refuses one without text', async () => {
    const good = join(dir, 'report.pdf');
    await writeFile(good, makePdf('Microsoft provides Azure to Unit 8200.'));
    expect(await readInput(good)).toContain('Microsoft provides Azure');
    const scanned = join(dir, 'scan.pdf');
    await writeFile(scanned, makePdf(null));
    await expect(readInput(scanned)).rejects.toThrow(/no text layer/);
  });

  it('refuses binary bytes and oversized files with one clear line', async () => {
    const bin = join(dir, 'blob.txt');
    await writeFile(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
    await expect(readInput(bin)).rejects.toBeInstanceOf(InputError);
    const big = join(dir, 'big.txt');
    await writeFile(big, 'x'.repeat(2 * 1024 * 1024));
    await expect(readInput(big, { maxBytes: 1024 * 1024 })).rejects.toThrow(/over the 1 MB limit/);
  });
});
