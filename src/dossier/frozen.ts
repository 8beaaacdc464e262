// Frozen dossiers: each stored once under its content's sha256 (DOSSIERS/<sha256>.md and .json beside it,
// written to a temp name and renamed, so a crash leaves nothing half-made), served at a permalink that keeps
// showing the same text however the graph changes. What has changed since is worked out on request, by
// making the same dossier again and comparing the claims it cites.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { GraphStore } from '../store/port.ts';
import { buildDossier, type DossierData, type DossierRequest } from './build.ts';
import { dossierMarkdown } from './markdown.ts';

const Meta = z.object({
  id: z.string(),
  request: z.object({ entityId: z.string(), to: z.string().optional(), asOf: z.string().optional(), maxPaths: z.number().optional() }),
  madeAt: z.string(),
  graphVersion: z.string(),
  claimIds: z.array(z.string()),
  paths: z.array(z.string()),
});
export type FrozenMeta = z.infer<typeof Meta>;

const chains = (d: DossierData) => d.paths.map((p) => [p.hops[0]!.from.id, ...p.hops.map((h) => h.to.id)].join(' > '));

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Makes a dossier and freezes it; the same content made twice is stored once. */
export async function freezeDossier(store: GraphStore, dir: string, req: DossierRequest): Promise<{ id: string; markdown: string; data: DossierData }> {
  const data = await buildDossier(store, req);
  const markdown = dossierMarkdown(data);
  const id = createHash('sha256').update(markdown).digest('hex');
  mkdirSync(dir, { recursive: true });
  const md = join(dir, `${id}.md`);
  if (!existsSync(md)) {
    const meta: FrozenMeta = { id, request: JSON.parse(JSON.stringify(req)) as FrozenMeta['request'], madeAt: data.madeAt, graphVersion: data.graphVersion, claimIds: data.claimIds, paths: chains(data) };
    // The metadata first: a dossier whose .md exists is complete.
    writeAtomic(join(dir, `${id}.json`), JSON.stringify(meta));
    writeAtomic(md, markdown);
  }
  return { id, markdown, data };
}

/** A frozen dossier's text and metadata, or null for an unknown id. */
export function readFrozen(dir: string, id: string): { markdown: string; meta: FrozenMeta } | null {
  if (!/^[0-9a-f]{64}$/.test(id)) return null;
  const md = join(dir, `${id}.md`);
  if (!existsSync(md)) return null;
  return { markdown: readFileSync(md, 'utf8'), meta: Meta.parse(JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'))) };
}

/** One line on what changed on the dossier's paths since it was frozen. */
export async function changedSince(store: GraphStore, meta: FrozenMeta): Promise<string> {
  let now: DossierData;
  try {
    now = await buildDossier(store, meta.request);
  } catch (err) {
    return `Since this dossier was made: ${(err as Error).message}.`;
  }
  const before = new Set(meta.claimIds);
  const after = new Set(now.claimIds);
  const gone = meta.claimIds.filter((c) => !after.has(c)).length;
  const added = now.claimIds.filter((c) => !before.has(c)).length;
  const pathsBefore = new Set(meta.paths);
  const newPaths = chains(now).filter((p) => !pathsBefore.has(p)).length;
  const lostPaths = meta.paths.filter((p) => !chains(now).includes(p)).length;
  if (!gone && !added && !newPaths && !lostPaths) return `Since this dossier was made (${meta.madeAt}), nothing on its paths has changed.`;
  const parts = [
    gone ? `${gone} claim(s) it cites no longer count (rejected, superseded or merged away)` : '',
    added ? `${added} new claim(s) on its paths` : '',
    newPaths ? `${newPaths} new path(s)` : '',
    lostPaths ? `${lostPaths} of its paths no longer found` : '',
  ].filter(Boolean);
  return `Since this dossier was made (${meta.madeAt}): ${parts.join('; ')}. The text below is as it was then.`;
}
