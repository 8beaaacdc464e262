// Dossiers on the store under test: made by the API and frozen under their sha256; the permalink keeps its
// text after a new ingest and says what changed; the PDF's text read back with pdftotext and its first page
// rendered to an image (poppler-utils); a bounded dossier says what it left out; an unknown id or a path
// that does not exist is refused with nothing stored. The CLI makes the same dossier from a seeded folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/yoga.ts';
import { seededApi, WRITER_KEY } from './helpers.ts';

const SHOTS = resolve('test-artifacts', 'dossier');
let ctx: Awaited<ReturnType<typeof seededApi>>;
let api: ReturnType<typeof createApi>;
let dossiers: string;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ctx = await seededApi();
  dossiers = await mkdtemp(join(tmpdir(), 'rg-dossiers-'));
  api = createApi({ store: ctx.store, apiKeys: [{ name: 'alice', role: 'editor', key: WRITER_KEY }], dossierDir: dossiers });
});
afterAll(async () => {
  await ctx.cleanup();
  await rm(dossiers, { recursive: true, force: true });
});

const gql = async (query: string, variables: Record<string, unknown> = {}) =>
  (await (await api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER_KEY}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
const DOSSIER = `mutation($e: ID!, $to: ID, $asOf: String, $n: Int) { dossier(entityId: $e, to: $to, asOf: $asOf, maxPaths: $n) { id permalink markdown paths truncated graphVersion } }`;
const get = (path: string) => api.fetch(`http://localhost${path}`);

describe('dossiers', () => {
  it('freezes a dossier with every hop’s evidence, and keeps its permalink’s text after the graph changes', async () => {
    const r = await gql(DOSSIER, { e: 'co_Q2283', asOf: '2025-10-15' });
    expect(r.errors).toBeUndefined();
    const d = r.data.dossier;
    expect(d.permalink).toBe(`/dossiers/${d.id}`);
    expect(d.paths).toBeGreaterThan(0);
    for (const text of ['# Dossier: Microsoft', 'As of: 2025-10-15 (what had been published by then)', 'Paraphrase by rightsgraph seed editors', 'The Guardian', 'independent source', '**Ended** on 2025-09-25', 'Timing:', 'no archived copy', 'review unreviewed', '## Timeline', '- 2025-09-25: Microsoft → Unit 8200 ended (suspension)', 'first reported']) {
      expect(d.markdown).toContain(text);
    }
    const md = await (await get(`${d.permalink}.md`)).text();
    expect(md).toBe(d.markdown);
    expect(await (await get(d.permalink)).text()).toContain('nothing on its paths has changed');

    // A new report on the same path: the frozen text stays, the page says what changed.
    const ing = await gql(`mutation($i: IngestDocumentInput!) { ingestDocument(input: $i) { ... on IngestResult { claimsCreated } } }`, {
      i: { text: 'Microsoft supplies Azure cloud services to Unit 8200, the Israeli military intelligence unit.', title: 'Follow-up', publisher: 'Test Wire', publishedAt: '2025-10-01' },
    });
    expect(ing.data.ingestDocument.claimsCreated).toBeGreaterThan(0);
    expect(await (await get(`${d.permalink}.md`)).text()).toBe(d.markdown);
    const page = await (await get(d.permalink)).text();
    expect(page).toMatch(/new claim\(s\) on its paths/);
    expect(page).toContain('The text below is as it was then');
    // The same request now gives a new dossier; the old one is still there.
    const again = (await gql(DOSSIER, { e: 'co_Q2283', asOf: '2025-10-15' })).data.dossier;
    expect(again.id).not.toBe(d.id);
    expect(readdirSync(dossiers).filter((f) => f.endsWith('.md')).sort()).toEqual([`${d.id}.md`, `${again.id}.md`].sort());
  });

  it('prints a PDF whose text and first page can be read back', async () => {
    const d = (await gql(DOSSIER, { e: 'co_Q2283', to: 'abuse_mass-surveillance-of-palestinian_5bc0908eee', asOf: '2025-10-15' })).data.dossier;
    const res = await get(`${d.permalink}.pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = join(SHOTS, 'microsoft-surveillance.pdf');
    writeFileSync(pdf, new Uint8Array(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Dossier: Microsoft → Mass surveillance of Palestinians');
    expect(text).toMatch(/Paraphrase by rightsgraph seed editors/);
    expect(text).toMatch(/1 ?\/ ?\d+/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SHOTS, 'page')]);
    const png = readdirSync(SHOTS).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    expect(statSync(join(SHOTS, png)).size).toBeGreaterThan(5_000);
  });

  it('says what a bounded dossier left out, and refuses an unknown id or a path that does not exist, storing nothing', async () => {
    const small = (await gql(DOSSIER, { e: 'co_Q2283', n: 1 })).data.dossier;
    expect(small).toMatchObject({ paths: 1, truncated: true });
    expect(small.markdown).toMatch(/more exist and are left out/);
    const before = readdirSync(dossiers).length;
    const unknown = await gql(DOSSIER, { e: 'co_nope' });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/no entity co_nope/) });
    const noPath = await gql(DOSSIER, { e: 'co_Q2283', to: 'co_Q2283' });
    expect(noPath.errors?.[0]?.message).toMatch(/no exposure path/);
    const early = await gql(DOSSIER, { e: 'co_Q2283', to: 'abuse_mass-surveillance-of-palestinian_5bc0908eee', asOf: '2020-01-01' });
    expect(early.errors?.[0]?.message).toMatch(/no exposure path .* as of 2020-01-01/);
    expect(readdirSync(dossiers).length).toBe(before);
    expect((await get(`/dossiers/${'0'.repeat(64)}`)).status).toBe(404);
  });
});

describe('rightsgraph dossier', () => {
  it('writes Markdown to standard output and a PDF to a file, naming the permalink', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-dossier-cli-'));
    const run = (args: string[]) => spawnSync(process.execPath, ['bin/rightsgraph.js', ...args], { env: { ...process.env, RIGHTSGRAPH_DATA: dir, NEO4J_URI: '', LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    try {
      expect(run(['seed']).status).toBe(0);
      const md = run(['dossier', 'co_Q2283', '--as-of', '2025-10-15']);
      expect(md.status).toBe(0);
      expect(md.stdout).toContain('# Dossier: Microsoft');
      const id = /dossier ([0-9a-f]{64})/.exec(md.stderr)![1]!;
      expect(md.stderr).toContain(`/dossiers/${id}`);
      expect(readdirSync(join(dir, 'dossiers'))).toContain(`${id}.md`);
      const out = join(dir, 'd.pdf');
      expect(run(['dossier', 'co_Q2283', '--format', 'pdf', '--out', out]).status).toBe(0);
      expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Microsoft');
      const bad = run(['dossier', 'co_nope']);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toContain('no entity co_nope');
      expect(run(['dossier', 'co_Q2283', '--format', 'pdf']).stderr).toContain('--format pdf needs --out');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
