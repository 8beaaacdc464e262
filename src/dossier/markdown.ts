// A dossier as Markdown: what an editor and a lawyer read. Every hop lists its claims with their words (a
// quotation only for the document's exact words, a paraphrase labelled with its writer), the document,
// publisher, date, URL and archived copy with its sha256, certainty, review, the responses of those
// concerned, and ended hops with the claim that ended them. Text from documents is escaped, so a quote
// cannot turn into links or markup.
import type { Document, Entity, EvidencedClaim, ExposurePath } from '../domain/index.ts';
import type { DossierData, DossierResponse } from './build.ts';

/** Markdown's special characters in text taken from documents, escaped. */
function esc(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}

function docLine(d: Document | null, archiveBase: string | null): string {
  if (!d) return 'document not in the graph';
  const parts = [d.publisher ? esc(d.publisher) : null, d.title ? `*${esc(d.title)}*` : null, d.publishedAt ?? null].filter(Boolean);
  const links = [d.url ? `<${d.url}>` : null, d.sha256 && archiveBase ? `archived copy <${archiveBase}/archive/${d.sha256}> (sha256 ${d.sha256})` : d.sha256 ? `sha256 ${d.sha256}` : 'no archived copy'];
  return [...parts, ...links.filter(Boolean)].join(', ');
}

/** One claim's words: a quotation only for the document's exact words. */
function words(e: EvidencedClaim['claim']['evidence']): string {
  if (!e.kind || e.kind === 'quote') return `> “${esc(e.quote)}”`;
  // Never a blockquote: a paraphrase must not look like the source's words.
  return `*${e.kind === 'summary' ? 'Summary' : 'Paraphrase'} by ${esc(e.writtenBy ?? '?')}${e.language ? ` (${e.language})` : ''}, not the source’s words:* ${esc(e.quote)}`;
}

function responseLine(r: DossierResponse): string {
  return r.kind === 'reply'
    ? `  - **Reply** (${r.date}): “${esc(r.quote ?? '')}” (document ${r.documentId}; recorded by ${esc(r.addedBy)})`
    : `  - **No response** by ${r.date} (recorded by ${esc(r.addedBy)})`;
}

/** A citation line for one claim: publisher, title, date, URL, quote. */
export function citationLine(c: EvidencedClaim): string {
  const d = c.document;
  const q = c.claim.evidence.kind === 'quote' || !c.claim.evidence.kind ? `“${c.claim.evidence.quote}”` : `(paraphrase by ${c.claim.evidence.writtenBy ?? '?'}) ${c.claim.evidence.quote}`;
  return [d?.publisher, d?.title, d?.publishedAt ?? c.claim.date, d?.url, q].filter(Boolean).join(', ');
}

function claimBlock(c: EvidencedClaim, data: DossierData, archiveBase: string | null): string[] {
  const cl = c.claim;
  const lines = [
    words(cl.evidence),
    `  - ${docLine(c.document, archiveBase)}`,
    `  - ${cl.certainty}, confidence ${Math.round(cl.confidence * 100)}%, review ${cl.review.status}${cl.review.by ? ` by ${esc(cl.review.by)}` : ''}${cl.date ? `, dated ${cl.date}` : ''}${cl.evidence.attributedTo ? `, attributed to ${esc(cl.evidence.attributedTo)}` : ''}; claim ${cl.id}`,
  ];
  for (const r of data.responses[cl.id] ?? []) lines.push(responseLine(r));
  return lines;
}

function pathSection(p: ExposurePath, i: number, data: DossierData, archiveBase: string | null): string[] {
  const names = [p.hops[0]!.from.name, ...p.hops.map((h) => h.to.name)].map(esc).join(' → ');
  const out = [`### ${i + 1}. ${names}`, '', `Score ${p.score.toFixed(2)}${p.ended ? ', a supply on it has ended' : ''}.`];
  out.push(
    p.timing.overlap === null
      ? 'Timing: no hop is dated, so whether the hops held at one time is not known.'
      : p.timing.overlap
        ? `Timing: the hops can have held together (${p.timing.from ?? '…'} to ${p.timing.to ?? '…'}).`
        : `Timing: **not at one time**: ${esc(p.timing.note ?? '')}.`,
    '',
  );
  for (const [n, h] of p.hops.entries()) {
    out.push(`#### Hop ${n + 1}: ${esc(h.from.name)} ${h.direction === 'backward' ? '←' : '→'} ${h.edge.type} ${h.direction === 'backward' ? '←' : '→'} ${esc(h.to.name)}`, '');
    out.push(`${h.edge.claimCount} claim(s); ${h.edge.independentSources} independent source(s): ${h.edge.lineages.map((l) => `${esc(l.source)} (${l.documentIds.length} document(s))`).join('; ')}.`, '');
    if (h.ended) out.push(`**Ended** ${h.ended.date ? `on ${h.ended.date}` : '(undated)'}, by claim(s) ${h.ended.claimIds.join(', ')}.`, '');
    for (const c of h.claims) out.push(...claimBlock(c, data, archiveBase), '');
  }
  if (p.unaffectedBy.length) {
    out.push('Suspensions by an actor of this path of something it does not pass through (they end none of its hops):', '');
    for (const c of p.unaffectedBy) out.push(...claimBlock(c, data, archiveBase), '');
  }
  return out;
}

/** The claims of the dossier's paths on a time axis: dated relations, suspensions, first and last reports. */
function timelineSection(data: DossierData): string[] {
  const events: Array<[string, string]> = [];
  const seen = new Set<string>();
  const reported: string[] = [];
  for (const p of data.paths) {
    for (const h of p.hops) {
      for (const c of h.claims) {
        if (seen.has(c.claim.id)) continue;
        seen.add(c.claim.id);
        if (c.document?.publishedAt) reported.push(c.document.publishedAt);
        const [subject, object] = h.direction === 'backward' ? [h.to, h.from] : [h.from, h.to];
        const what = `${esc(subject.name)} ${c.claim.type} ${esc(object.name)}`;
        const at = c.claim.validFrom ?? c.claim.date;
        if (at) events.push([at, `${what}${c.claim.validFrom ? ' (from)' : ''}`]);
        if (c.claim.validTo) events.push([c.claim.validTo, `${what} (until)`]);
      }
      if (h.ended?.date) events.push([h.ended.date, `${esc(h.from.name)} → ${esc(h.to.name)} ended (suspension)`]);
      for (const e of [h.from, h.to]) {
        if (e.kind !== 'Abuse' || seen.has(e.id)) continue;
        seen.add(e.id);
        if (e.startDate) events.push([e.startDate, `${esc(e.name)} began`]);
        if (e.endDate) events.push([e.endDate, `${esc(e.name)} ended`]);
      }
    }
  }
  reported.sort();
  if (reported.length) events.push([reported[0]!, 'first reported'], ...(reported.at(-1) !== reported[0] ? [[reported.at(-1)!, 'last reported'] as [string, string]] : []));
  const unique = [...new Map(events.map((e) => [e.join('|'), e])).values()].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  return ['## Timeline', '', ...(unique.length ? unique.map(([d, w]) => `- ${d}: ${w}`) : ['No dated claim.']), '', '## Paths', ''];
}

/**
 * Registry listings (OpenSanctions' topics: sanction, export control, …) of the dossier's entity and of every
 * entity on its paths, each with its dataset, dates and source: facts beside the claims, never among them.
 */
function listingsSection(data: DossierData): string[] {
  const seen = new Map<string, Entity>([[data.entity.id, data.entity]]);
  if (data.to) seen.set(data.to.id, data.to);
  for (const p of data.paths) for (const h of p.hops) for (const e of [h.from, h.to]) seen.set(e.id, e);
  const listed = [...seen.values()].filter((e) => e.topics?.length);
  if (!listed.length) return [];
  const out = ['## Registry listings', '', 'What registries say of the entities in this dossier, with their datasets and dates (facts with their source, not claims of the reports).', ''];
  for (const e of listed) {
    for (const t of [...e.topics!].sort((a, b) => `${a.topic} ${a.dataset}`.localeCompare(`${b.topic} ${b.dataset}`))) {
      const when = [t.since ? `from ${t.since}` : '', t.until ? `until ${t.until}` : '', t.seen ? `last listed ${t.seen}` : ''].filter(Boolean).join(', ');
      out.push(`- ${esc(e.name)}: **${esc(t.topic)}**, listed by ${esc(t.dataset)}${when ? ` (${when})` : ''}${t.note ? `: ${esc(t.note)}` : ''}${t.sourceUrl ? ` <${t.sourceUrl}>` : ''}`);
    }
  }
  return [...out, ''];
}

/** The whole dossier; `archiveBase` (the server's origin) makes archived copies links. */
export function dossierMarkdown(data: DossierData, archiveBase: string | null = null): string {
  const title = data.to ? `${data.entity.name} → ${data.to.name}` : data.entity.kind === 'Abuse' ? `Who is exposed to: ${data.entity.name}` : `${data.entity.name}: exposure paths`;
  const out = [
    `# Dossier: ${esc(title)}`,
    '',
    `- Entity: ${esc(data.entity.name)} (${data.entity.kind}, ${data.entity.id})${data.to ? `; to ${esc(data.to.name)} (${data.to.id})` : ''}`,
    `- As of: ${data.asOf ? `${data.asOf} (what had been published by then)` : 'no date (everything in the graph)'}`,
    `- Made: ${data.madeAt}, from a graph of ${data.graphVersion}`,
    `- Paths: ${data.paths.length}${data.truncated ? ` shown; more exist and are left out (at most ${data.maxPaths} per dossier: ask for one path with --to, or raise --max-paths)` : ''}`,
    '',
    'Quotations (“…”) are the documents’ own words; paraphrases are labelled with who wrote them. Claims are reported, not established facts: each gives its certainty and review.',
    '',
  ];
  out.push(...listingsSection(data));
  if (!data.paths.length) out.push('No exposure path found.', '');
  else out.push(...timelineSection(data), '');
  for (const [i, p] of data.paths.entries()) out.push(...pathSection(p, i, data, archiveBase));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
