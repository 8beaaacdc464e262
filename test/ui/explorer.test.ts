// The explorer end to end, in a real headless Chromium (Debian's, driven by playwright-core), on the seed
// data plus Human Rights Watch's release of 2025-10-10 (dev corpus 002, read from ../shared/corpus): search
// "Microsoft", open the Exposure panel, choose the surveillance abuse, see the path drawn and the HRW quote
// in the evidence; replay before and after 2025-09-25 and see the suspension's mark; an editor rejects a
// claim and readers no longer see it. Screenshots of each step go to test-artifacts/ui/.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../src/api/main.ts';
import { createApi } from '../../src/api/yoga.ts';
import { ingestFile } from '../../src/ingest/ingest.ts';
import { loadSeeds } from '../../src/ingest/seed.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';
import { devCorpusDir } from '../../src/util/shared.ts';
import { chromiumPath } from '../../src/util/chromium.ts';

const SHOTS = resolve('test-artifacts', 'ui');
const EDITOR_KEY = 'editor-key-for-ui-tests-0123';
const HRW = join(devCorpusDir(), '002.txt');

let dir: string;
let store: KuzuStore;
let server: Server;
let url: string;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const debug = <T>(fn: string) => page.evaluate(`window.rightsgraph.${fn}()`) as Promise<T>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'rg-ui-'));
  const uiDir = join(dir, 'ui');
  await build({ configFile: resolve('vite.config.ts'), build: { outDir: uiDir, emptyOutDir: true }, logLevel: 'error' });
  store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 128 });
  await loadSeeds(store);
  await ingestFile(store, HRW, { title: 'Une diligence raisonnable supplémentaire est nécessaire', publisher: 'Human Rights Watch', publishedAt: '2025-10-10', language: 'fr', archiveDir: join(dir, 'archive') });
  const api = createApi({ store, uiDir, apiKeys: [{ name: 'eddie', role: 'editor', key: EDITOR_KEY }], archiveDir: join(dir, 'archive'), dossierDir: join(dir, 'dossiers') });
  ({ server, url } = await listen(api, '127.0.0.1', 0));
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => console.error('page error:', e));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) await closeServer(server);
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('explorer', () => {
  it('finds Microsoft by typing, with its kind in the suggestions, and draws it', async () => {
    await page.goto(`${url}/`);
    await page.fill('#q', 'microsoft');
    const option = page.locator('#suggestions li').first();
    await expect.poll(() => option.textContent()).toContain('Microsoft');
    expect(await option.textContent()).toContain('Company');
    await shot('1-suggestions');
    await page.keyboard.press('Enter');
    await expect.poll(() => debug<string[]>('nodes')).toContain('co_Q2283');
    await expect.poll(() => page.locator('#entity h2').textContent()).toContain('Microsoft');
    // Accents optional, other languages' names found: "unite 8200" suggests Unit 8200.
    await page.fill('#q', 'unite 8200');
    await expect.poll(() => page.locator('#suggestions li').first().textContent()).toMatch(/Unit 8200/);
    await page.keyboard.press('Escape');
    await page.fill('#q', '');
  });

  it('shows the exposure to surveillance with the path drawn and the Human Rights Watch quote in the evidence', async () => {
    await page.click('#tab-exposure');
    const abuse = page.locator('button.abuse', { hasText: /surveillance/i }).first();
    await abuse.waitFor();
    await abuse.click();
    // The best path is drawn: from Microsoft to the abuse, hop by hop.
    await expect.poll(() => debug<string[]>('highlighted')).toEqual(expect.arrayContaining(['co_Q2283', 'abuse_mass-surveillance-of-palestinian_5bc0908eee']));
    expect((await debug<string[]>('highlighted')).filter((id) => id.includes(':')).length).toBeGreaterThanOrEqual(2);
    const hrw = page.locator('#path-detail .claim', { has: page.locator('.publisher', { hasText: 'Human Rights Watch' }) }).first();
    await hrw.waitFor();
    expect((await hrw.locator('blockquote').textContent())?.length).toBeGreaterThan(20);
    // The ingested report's archived copy opens the bytes ingested.
    const archived = await hrw.locator('a', { hasText: 'archived copy' }).getAttribute('href');
    const res = await fetch(archived!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Microsoft');
    // A seed's words are labelled as our paraphrase, never styled as a quotation, and say there is no archive.
    const seed = page.locator('#path-detail .evidence .claim', { has: page.locator('.paraphrase') }).first();
    await seed.waitFor();
    expect(await seed.locator('.kind-label').textContent()).toContain('Paraphrase, not the source’s words, by rightsgraph seed editors');
    expect(await seed.locator('blockquote').count()).toBe(0);
    expect(await seed.locator('.no-archive').textContent()).toContain('no archived copy');
    // Each path says whether its hops can have held at one time, and which suspensions leave it untouched.
    expect(await page.locator('#path-detail .path').first().locator('.timing').count()).toBe(1);
    const elsewhere = (await page.locator('#path-detail .path').first().locator('.unaffected-by').allTextContents()).join(' ');
    expect(elsewhere).toMatch(/Microsoft suspended .*Ministry of Defense.*does not pass through it/);
    await shot('2-exposure-path');
  });

  it('replays the graph: no suspension mark before 2025-09-25, the mark after', async () => {
    const setDate = async (d: string) => {
      await page.fill('#asof', d);
      await page.locator('#asof').dispatchEvent('change');
    };
    await setDate('2025-09-01');
    await page.locator('#path-detail').waitFor();
    await expect.poll(() => page.locator('#exposure .ended-mark').count()).toBe(0);
    await shot('3-before-suspension');
    await setDate('2025-10-15');
    await expect.poll(() => page.locator('#exposure .ended-mark').count()).toBeGreaterThan(0);
    expect((await page.locator('#exposure .ended-mark').allTextContents()).join(' ')).toContain('2025-09-25');
    // The end cites its own evidence: the suspension's words and where they come from.
    const endedBy = (await page.locator('#exposure .ended-by').allTextContents()).join(' ');
    expect(endedBy).toMatch(/cut off|ceased and disabled/);
    expect(endedBy).toMatch(/Guardian|Microsoft/);
    await shot('4-after-suspension');
    // The URL restores the view: same date, same abuse, same entity.
    const link = page.url();
    expect(link).toContain('asof=2025-10-15');
    const other = await browser.newPage();
    await other.goto(link);
    await expect.poll(() => other.locator('#exposure .ended-mark').count()).toBeGreaterThan(0);
    await other.close();
  });

  it('lets an editor reject a claim, which then disappears for readers', async () => {
    await page.click('#tab-edit');
    await page.fill('#key-input', EDITOR_KEY);
    await page.locator('#edit form').first().locator('button[type=submit]').click();
    await page.click('#tab-entity');
    const first = page.locator('#entity li[data-claim]').first();
    await first.locator('button.reject').waitFor();
    const claimId = await first.getAttribute('data-claim');
    await first.locator('input.note').fill('not in the source');
    await first.locator('button.reject').click();
    await expect.poll(() => page.locator(`#entity li[data-claim="${claimId}"]`).count()).toBe(0);
    await shot('5-after-reject');
    const reader = await browser.newPage();
    await reader.goto(`${url}/#e=co_Q2283`);
    await reader.locator('#entity li[data-claim]').first().waitFor();
    expect(await reader.locator(`#entity li[data-claim="${claimId}"]`).count()).toBe(0);
    expect(await reader.locator('#entity button.reject').count()).toBe(0);
    await reader.close();
    expect((await store.getClaims([claimId!]))[0]?.review).toMatchObject({ status: 'rejected', by: 'eddie', note: 'not in the source' });
  });

  it('shows a place: the abuses there, who is responsible, the suppliers exposed, and a timeline', async () => {
    await page.goto('about:blank');
    await page.goto(`${url}/#e=loc_Q39760&tab=place`);
    await page.locator('#place h2').waitFor();
    expect(await page.locator('#place h2').textContent()).toBe('Gaza Strip (region)');
    await expect.poll(() => page.locator('#place').textContent()).toMatch(/Mass surveillance of Palestinians/);
    expect(await page.locator('#place').textContent()).toMatch(/Unit 8200/);
    expect(await page.locator('#place').textContent()).toMatch(/Microsoft/);
    expect(await page.locator('#place .timeline li').count()).toBeGreaterThan(0);
    await shot('6-place-gaza');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#png')]);
    expect(png.suggestedFilename()).toBe('rightsgraph.png');
  });

  it('rolls a country up: the abuses of its regions, by country code, with the places inside listed', async () => {
    // Its own page, so the next test finds the Gaza view where the previous one left it.
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${url}/#e=loc_Q148&tab=place`);
    await page.locator('#place h2').waitFor();
    expect(await page.locator('#place h2').textContent()).toBe('China (country)');
    // No abuse is recorded as occurring in "China" itself: the Xinjiang one comes up through the region.
    const abuse = page.locator('#place .place-abuses li', { hasText: /Uyghurs in Xinjiang/ });
    await expect.poll(() => abuse.count()).toBe(1);
    expect(await abuse.textContent()).toMatch(/ in Xinjiang/);
    await expect.poll(() => abuse.textContent()).toMatch(/Hikvision/);
    expect(await page.locator('#place .place-parts li', { hasText: 'Xinjiang' }).count()).toBe(1);
    expect(await page.locator('#place h3', { hasText: 'Places inside' }).textContent()).toMatch(/Places inside \(\d+\)/);
    await page.screenshot({ path: join(SHOTS, '6b-place-china.png'), fullPage: true });
    // A region's view has its own abuse, and nothing inside it here: "none found" under the heading.
    await page.goto('about:blank');
    await page.goto(`${url}/#e=loc_Q34800&tab=place`);
    await expect.poll(() => page.locator('#place .place-abuses li').count()).toBe(1);
    expect(await page.locator('#place').textContent()).toMatch(/Places inside \(0\)none found/);
    await page.close();
  });

  it('switches to French, exports GraphML, and is usable at 200% zoom', async () => {
    await page.click('#lang');
    expect(await page.locator('#tab-exposure').textContent()).toBe('Exposition');
    // The vocabulary too, not only the chrome: claim types, certainty and kinds.
    expect(await page.locator('#types').textContent()).toContain('fournit à');
    expect(await page.locator('#certainties').textContent()).toContain('allégué');
    expect(await page.locator('#legend').textContent()).toContain('Organisme public');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#graphml')]);
    const path = join(dir, 'view.graphml');
    await download.saveAs(path);
    const xml = await (await import('node:fs/promises')).readFile(path, 'utf8');
    expect(xml).toMatch(/<graphml/);
    expect(xml).toContain('<node id="loc_Q39760">');
    await page.setViewportSize({ width: 700, height: 900 });
    await page.evaluate(() => (document.body.style.zoom = '2'));
    await shot('7-french-200pct');
    expect(await page.locator('#q').isVisible()).toBe(true);
  });
  it('shows a company’s reply under the claim it answers', async () => {
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_KEY}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
    const claims = (await gql('{ entity(id: "co_Q2283") { claims(first: 100) { edges { node { id type review { status } evidence { documentId } } } } } }')).data.entity.claims.edges.map((e: any) => e.node);
    const supplies = claims.find((c: any) => c.type === 'SUPPLIES' && c.review.status !== 'rejected');
    const r = await gql('mutation($i: AddResponseInput!) { addResponse(input: $i) { kind } }', { i: { claimId: supplies.id, by: 'co_Q2283', kind: 'reply', quote: 'We are reviewing the allegations.', documentId: supplies.evidence.documentId, date: '2025-08-15' } });
    expect(r.errors).toBeUndefined();
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await fresh.goto(`${url}/#e=co_Q2283`);
    // The entity's timeline: relations from their dates, first and last reported, the suspension.
    await fresh.locator('#entity .timeline').waitFor();
    const events = await fresh.locator('#entity .timeline .event').allTextContents();
    expect(events.some((e) => /^2022 Microsoft SUPPLIES Unit 8200 \(from\)/.test(e))).toBe(true);
    expect(events.some((e) => /^2025-09-25 Microsoft SUSPENDED/.test(e))).toBe(true);
    expect(events.some((e) => /first reported/.test(e))).toBe(true);
    const reply = fresh.locator(`#entity li[data-claim="${supplies.id}"] .response`);
    await reply.waitFor();
    expect(await reply.textContent()).toMatch(/Microsoft replied \(2025-08-15\): We are reviewing the allegations\./);
    await fresh.screenshot({ path: join(SHOTS, '8-reply.png') });
    await fresh.close();
  });

  it('lists an entity’s registry topics with their datasets, dates and sources, in French too', async () => {
    // An invented company with invented listings.
    await store.upsert({
      entities: [
        {
          id: 'co_ui_listed', kind: 'Company', name: 'Listed Example Ltd',
          topics: [
            { topic: 'sanction', dataset: 'example_sanctions', since: '2023-04-02', until: '2025-01-31', note: 'Example programme', sourceUrl: 'https://example.org/sanctions/7' },
            { topic: 'export.control', dataset: 'example_dual_use', since: '2022', seen: '2025-06-30' },
          ],
        },
      ],
    });
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await fresh.goto(`${url}/#e=co_ui_listed&lang=en`);
    const items = fresh.locator('#entity section.topics li');
    await expect.poll(() => items.count()).toBe(2);
    const texts = await items.allTextContents();
    expect(texts[0]).toBe('export.control — listed by example_dual_use from 2022 (last listed 2025-06-30)');
    expect(texts[1]).toBe('sanction — listed by example_sanctions from 2023-04-02 until 2025-01-31 — Example programme source');
    expect(await fresh.locator('#entity section.topics li[data-topic="sanction"] a').getAttribute('href')).toBe('https://example.org/sanctions/7');
    await fresh.goto('about:blank');
    await fresh.goto(`${url}/#e=co_ui_listed&lang=fr`);
    await expect.poll(() => fresh.locator('#entity section.topics h3').textContent()).toBe('Inscriptions aux registres');
    expect(await fresh.locator('#entity section.topics li').first().textContent()).toMatch(/^contrôle des exportations — inscrit par example_dual_use depuis 2022/);
    await fresh.screenshot({ path: join(SHOTS, '11-topics.png') });
    await fresh.close();
  });

  it('freezes a dossier of the chosen paths from the Exposure panel, and offers a citation for every claim', async () => {
    await page.goto('about:blank');
    await page.goto(`${url}/#e=co_Q2283&tab=exposure&lang=en`);
    await page.locator('button.abuse', { hasText: /surveillance/i }).first().click();
    const cite = page.locator('#path-detail .copy-citation').first();
    await cite.waitFor();
    expect(await cite.getAttribute('data-citation')).toMatch(/^The Guardian, .*, 2025-\d\d-\d\d, https:\/\/www\.theguardian\.com\/.*\(Paraphrase, not the source’s words, by rightsgraph seed editors\)/);
    // The editor's key is still in this tab's session (set in the editing step).
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#path-detail button.dossier').click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toMatch(/\/dossiers\/[0-9a-f]{64}$/);
    expect(await popup.locator('h1').textContent()).toMatch(/Dossier: Microsoft → Mass surveillance/);
    expect(await popup.locator('.changed').textContent()).toContain('nothing on its paths has changed');
    await popup.screenshot({ path: join(SHOTS, '9-dossier.png') });
    await popup.close();
  });
  it('welcomes a first visit with an example, lists who is exposed on an abuse’s own tab, and steps Back through views', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await p.goto(`${url}/`);
    expect(await p.locator('#entity .help').first().textContent()).toMatch(/from a technology supplier to a human-rights abuse/);
    await p.locator('#example').click();
    const abuseButton = p.locator('#exposure button.abuse', { hasText: /surveillance/i }).first();
    await abuseButton.waitFor();
    expect(p.url()).toContain('e=co_Q2283');
    // The abuse's own Exposure tab: who is exposed to it, Microsoft among them.
    const abuseId = await abuseButton.getAttribute('data-id');
    await p.goto('about:blank');
    await p.goto(`${url}/#e=${abuseId}&tab=exposure`);
    await expect.poll(async () => (await p.locator('#exposure').textContent()) ?? '', { timeout: 20_000 }).toMatch(/Who is exposed to this abuse/);
    expect(await p.locator('#exposure button.abuse').allTextContents()).toContain('Microsoft');
    await p.locator('#exposure button.abuse', { hasText: 'Microsoft' }).click();
    await p.locator('#path-detail .path').first().waitFor();
    // Views are steps of the history: open another entity, then Back returns to the abuse.
    await p.locator('#tab-entity').click();
    await expect.poll(() => p.url()).not.toContain('tab=exposure');
    await p.goBack();
    await expect.poll(() => p.url()).toContain('tab=exposure');
    await expect.poll(async () => (await p.locator('#tab-exposure').getAttribute('aria-selected')) ?? '').toBe('true');
    // A skip link first, and arrow keys in the tab list.
    await p.goto('about:blank');
    await p.goto(`${url}/#e=co_Q2283`);
    await p.locator('#entity h2').waitFor();
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.className)).toBe('skip');
    await p.locator('#tab-exposure').focus();
    await p.keyboard.press('ArrowRight');
    await expect.poll(async () => p.evaluate(() => document.activeElement?.id)).toBe('tab-place');
    expect(await p.locator('#tab-place').getAttribute('aria-selected')).toBe('true');
    await p.close();
  });
  it('draws parallel edges apart and opens an edge’s claims when it is clicked', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // The entity panel the page opens on is held back until the clicked edge's panel is drawn: a render
    // that answers late must not overwrite the one the user asked for since.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await p.route('**/graphql', async (route) => {
      if (/query EntityPanel\b/.test(route.request().postData() ?? '')) await held;
      await route.continue();
    });
    await p.goto(`${url}/#e=co_Q2283&x=co_Q2283`);
    const pair = async () =>
      p.evaluate(`(() => { const cy = window.rightsgraph.cy; const u = cy.nodes().filter((n) => n.data('name') === 'Unit 8200')[0]; if (!u) return []; return cy.getElementById('co_Q2283').edgesWith(u).map((e) => ({ id: e.id(), multi: e.hasClass('multi'), curve: e.style('curve-style') })); })()`) as Promise<Array<{ id: string; multi: boolean; curve: string }>>;
    await expect.poll(async () => (await pair()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const edges = await pair();
    expect(edges.every((e) => e.multi && e.curve === 'bezier')).toBe(true);
    const suspended = edges.find((e) => e.id.startsWith('SUSPENDED:'))!;
    // `void`: emit() returns the element, whose links into the whole Cytoscape instance Playwright would
    // otherwise serialise back (20 s here, past the test's time on a loaded machine).
    await p.evaluate(`void window.rightsgraph.cy.getElementById(${JSON.stringify(suspended.id)}).emit('tap')`);
    await expect.poll(async () => (await p.locator('#entity .edge-title').textContent()) ?? '').toMatch(/Microsoft → SUSPENDED → Unit 8200/);
    const late = p.waitForResponse((r) => /query EntityPanel\b/.test(r.request().postData() ?? ''));
    release();
    await late;
    await p.evaluate('new Promise((r) => setTimeout(r, 200))');
    expect(await p.locator('#entity .edge-title').textContent()).toMatch(/Microsoft → SUSPENDED → Unit 8200/);
    expect(await p.locator('#entity li[data-claim]').count()).toBeGreaterThan(0);
    expect(await p.locator('#entity li[data-claim]').first().textContent()).toMatch(/cut off|ceased/);
    // The edge's timeline: the suspension on its date.
    expect(await p.locator('#entity .timeline .suspended').first().textContent()).toMatch(/2025-09-25 Microsoft SUSPENDED Unit 8200/);
    await p.screenshot({ path: join(SHOTS, '10-edge-claims.png') });
    // Exports carry each edge's claims: GraphML and GEXF (attributes declared and typed), PNG with a caption.
    const save = async (button: string, name: string) => {
      const [d] = await Promise.all([p.waitForEvent('download'), p.click(button)]);
      const path = join(dir, name);
      await d.saveAs(path);
      return path;
    };
    const { readFile } = await import('node:fs/promises');
    const cheerio = await import('cheerio');
    const gml = cheerio.load(await readFile(await save('#graphml', 'view.graphml'), 'utf8'), { xml: true });
    const quotes = gml('edge data[key="quotes"]').map((_i, el) => gml(el).text()).get();
    expect(quotes.some((q) => /cut off|ceased/.test(q))).toBe(true);
    expect(gml('key[id="documents"][for="edge"]').attr('attr.type')).toBe('string');
    const gexfText = await readFile(await save('#gexf', 'view.gexf'), 'utf8');
    const gexf = cheerio.load(gexfText, { xml: true });
    // Round trip through graphology-gexf, a maintained GEXF reader: every node, edge and typed attribute read back.
    const { default: Graphology } = await import('graphology');
    const { parse } = await import('graphology-gexf');
    const read = parse(Graphology as never, gexfText) as unknown as { order: number; size: number; edges(): string[]; getEdgeAttribute(e: string, k: string): unknown };
    expect(read.order).toBe(gexf('node').length);
    expect(read.size).toBe(gexf('edge').length);
    const anEdge = read.edges()[0]!;
    expect(typeof read.getEdgeAttribute(anEdge, 'confidence')).toBe('number');
    expect(Number.isInteger(read.getEdgeAttribute(anEdge, 'claims'))).toBe(true);
    expect(read.edges().some((e: string) => /cut off|ceased/.test(String(read.getEdgeAttribute(e, 'quotes'))))).toBe(true);
    expect(gexf('gexf').attr('version')).toBe('1.3');
    const declared = new Map(gexf('attributes[class="edge"] attribute').map((_i, el) => [[gexf(el).attr('id')!, gexf(el).attr('type')!]]).get() as Array<[string, string]>);
    expect(declared.get('confidence')).toBe('double');
    expect(declared.get('claims')).toBe('integer');
    const used = gexf('edge attvalue').map((_i, el) => gexf(el).attr('for')!).get();
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((f) => declared.has(f))).toBe(true);
    expect(gexf('edge').length).toBe(gml('edge').length);
    expect(gexf('edge attvalue[for="documents"]').map((_i, el) => gexf(el).attr('value')).get().some((v) => /Guardian/.test(String(v)))).toBe(true);
    const png = await readFile(await save('#png', 'view.png'));
    // PNG header: width and height at bytes 16–23; the caption adds rows above and below the graph.
    const [w, hgt] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const [bw, bh] = (await p.evaluate(`(async () => { const img = new Image(); img.src = window.rightsgraph.cy.png({ full: true, bg: '#ffffff', scale: 2 }); await img.decode(); return [img.width, img.height]; })()`)) as [number, number];
    expect(w).toBeGreaterThanOrEqual(Math.max(bw, 900));
    // Three caption lines above (title, date, legend), the sources below.
    expect(hgt).toBeGreaterThan(bh + 3 * 26);
    await p.close();
  });
});
