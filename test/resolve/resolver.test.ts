// The resolver on a real store: legal forms, articles, case and accents do not split an organisation;
// look-alikes ("Unit 81", "Amazon rainforest", "Human Rights First") do not merge into the famous one;
// another language's alias finds the entity; a merged-away name follows its redirect.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/extract.ts';
import { Resolver, nameKey } from '../../src/resolve/resolver.ts';
import { KuzuStore } from '../../src/store/kuzu/store.ts';

let dir: string;
let store: KuzuStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-resolve-'));
  store = await KuzuStore.open({ dataDir: join(dir, 'data'), bufferPoolMb: 64 });
  await store.upsert({
    entities: [
      { id: 'co_Q2283', kind: 'Company', name: 'Microsoft', aliases: ['Microsoft Corporation'] },
      { id: 'co_amazon', kind: 'Company', name: 'Amazon', aliases: ['Amazon.com'] },
      { id: 'gov_8200', kind: 'GovernmentBody', name: 'Unit 8200', aliases: ['Unité 8200'] },
      { id: 'org_hrw', kind: 'Organization', name: 'Human Rights Watch', aliases: ['HRW'] },
      { id: 'org_guardian', kind: 'Organization', name: 'The Guardian', aliases: [] },
      { id: 'co_dup', kind: 'Company', name: 'Microsoft Israel R&D', aliases: [] },
      { id: 'ab_pal', kind: 'Abuse', name: 'Mass surveillance of Palestinians in Gaza and the West Bank', aliases: ['mass surveillance of Palestinians'], category: 'surveillance' },
      { id: 'ab_uyg', kind: 'Abuse', name: 'Mass surveillance of Uyghurs in Xinjiang', aliases: ['mass surveillance of Uyghurs'], category: 'surveillance' },
    ],
  });
  await store.mergeEntities('co_Q2283', 'co_dup', { by: 'test' });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('resolver', () => {
  it('normalises names for comparison', () => {
    expect(nameKey('The Microsoft Corporation, Inc.')).toBe('microsoft');
    expect(nameKey('Hikvision Digital Technology Co., Ltd.')).toBe('hikvision digital technology');
    expect(nameKey("L'Oréal SA")).toBe('oreal');
  });

  it('matches variants and aliases, refuses look-alikes and other kinds', async () => {
    const r = new Resolver(store);
    const res = (kind: any, name: string) => r.resolve({ kind, name, aliases: [], wikidataId: undefined });
    expect(await res('Company', 'MICROSOFT Ltd')).toBe('co_Q2283');
    expect(await res('Company', 'Microsoft Corp.')).toBe('co_Q2283');
    expect(await res('GovernmentBody', 'unite 8200')).toBe('gov_8200');
    expect(await res('Organization', 'Guardian')).toBe('org_guardian');
    expect(await res('GovernmentBody', 'Unit 81')).not.toBe('gov_8200');
    expect(await res('Location', 'Amazon')).not.toBe('co_amazon');
    expect(await res('Location', 'Amazon rainforest')).not.toBe('co_amazon');
    expect(await res('Organization', 'Human Rights First')).not.toBe('org_hrw');
    // The merged-away name lands on the entity it was merged into.
    expect(await res('Company', 'Microsoft Israel R&D')).toBe('co_Q2283');
  });

  it('meets an abuse reported in French under its English name, and keeps the victims apart', async () => {
    const r = new Resolver(store);
    const fr = extract("L'unité 8200 a utilisé Azure pour ses interceptions des appels des Palestiniens.", { language: 'fr' });
    const en = extract('Hikvision cameras enabled the mass surveillance of Uyghurs.', { language: 'en' });
    const abuse = (x: typeof fr) => x.entities.find((e) => e.kind === 'Abuse')!;
    expect(await r.resolve(abuse(fr))).toBe('ab_pal');
    expect(await r.resolve(abuse(en))).toBe('ab_uyg');
    // Another group's surveillance is another abuse, not the first one met.
    const kurds = extract('La surveillance de masse des Kurdes.', { language: 'fr' });
    expect(await r.resolve(abuse(kurds))).not.toMatch(/^ab_(pal|uyg)$/);
  });
});
