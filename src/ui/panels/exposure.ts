// The exposure panel: from the open actor, the abuses it is exposed to, ranked by their best path's score;
// choosing one draws its paths in the graph and lists each hop with its quotes, publisher, date, certainty,
// and links to the source and the archived copy. The "as of" date replays the graph: a hop suspended
// before it shows its end date.
import { editorKey, nodes, op } from '../api.ts';
import { edgeData, type App } from '../app.ts';
import { h, link, replace, turn } from '../dom.ts';
import { t, term } from '../i18n.ts';
import { archiveLink, evidenceWords, responsesList } from '../evidence.ts';


export async function renderExposure(app: App, el: HTMLElement, from: string): Promise<void> {
  const current = turn(el);
  const { entity, exposurePaths } = await op('Exposure', { from, asOf: app.state.asof, filter: app.filter() });
  // For an abuse, the panel lists who is exposed to it (exposedTo), each actor with its best path.
  const abuse = entity?.kind === 'Abuse';
  const found = abuse ? nodes((await op('ExposedToAbuse', { abuse: from, asOf: app.state.asof, filter: app.filter() })).exposedTo) : nodes(exposurePaths);
  if (!current()) return;
  const groups = new Map<string, { name: string; paths: any[] }>();
  for (const p of found as any[]) {
    const end = abuse ? p.hops[0].from : p.hops.at(-1).to;
    const g: { name: string; paths: any[] } = groups.get(end.id) ?? { name: end.name, paths: [] };
    g.paths.push(p);
    groups.set(end.id, g);
  }
  const ranked = [...groups].sort((a, b) => b[1].paths[0].score - a[1].paths[0].score);
  const detail = h('div', { id: 'path-detail' });
  const choose = (id: string) => {
    app.state.abuse = id;
    app.save();
    const g = groups.get(id);
    if (!g) return;
    showPaths(app, detail, g.paths);
    for (const b of el.querySelectorAll<HTMLButtonElement>('.abuse')) b.setAttribute('aria-pressed', String(b.dataset.id === id));
  };
  replace(
    el,
    h('h2', {}, t(abuse ? 'exposedToAbuse' : 'exposedTo')),
    ranked.length
      ? h(
          'ol',
          { class: 'paths' },
          ...ranked.map(([id, g]) =>
            h('li', {}, h('button', { type: 'button', class: 'abuse', 'data-id': id, 'aria-pressed': 'false', onclick: () => choose(id) }, g.name), h('span', { class: 'cite' }, ` ${t('score')} ${g.paths[0].score.toFixed(2)} · ${g.paths.length} ${t('paths')}${g.paths.some((p: any) => p.ended) ? ` · ${t('ended')}` : ''}`)),
          ),
        )
      : h('p', {}, t(abuse ? 'noneExposed' : 'noPaths')),
    detail,
  );
  if (app.state.abuse && groups.has(app.state.abuse)) choose(app.state.abuse);
}

function showPaths(app: App, el: HTMLElement, paths: any[]): void {
  // Every path to the chosen abuse goes into the graph; the best is highlighted.
  for (const p of paths) {
    for (const hop of p.hops) {
      app.graph.addNode(hop.from);
      app.graph.addNode(hop.to);
      app.graph.addEdge(edgeData(hop.edge, !!hop.ended));
    }
  }
  app.graph.layout();
  const best = paths[0];
  app.graph.highlight([best.hops[0].from.id, ...best.hops.map((x: any) => x.to.id)], best.hops.map((x: any) => `${x.edge.type}:${x.edge.subjectId}:${x.edge.objectId}`));
  replace(
    el,
    ...paths.map((p, i) =>
      h(
        'section',
        { class: 'path', 'data-ended': String(p.ended) },
        h('h3', {}, `${i + 1}. ${[p.hops[0].from.name, ...p.hops.map((x: any) => x.to.name)].join(' → ')}`, h('span', { class: 'cite' }, ` ${t('score')} ${p.score.toFixed(2)}`)),
        i === 0 ? dossierButton(app, p.hops[0].from.id, p.hops.at(-1).to.id) : null,
        timingLine(p.timing),
        // A suspension elsewhere (another unit, another product) leaves this path's hops as they are: say so.
        ...(p.unaffectedBy ?? []).map((c: any) =>
          h('div', { class: 'claim unaffected-by' },
            h('span', { class: 'cite' }, `${c.claim.subject.name} ${t('suspended')} ${c.claim.object.name}${c.claim.date ? ` (${c.claim.date})` : ''}: ${t('notOnPath')} `),
            evidenceWords(c.claim.evidence),
            link(c.document?.url, c.document?.publisher ?? t('source')),
          ),
        ),
        ...p.hops.map((hop: any) =>
          h(
            'div',
            { class: `hop${hop.ended ? ' ended' : ''}` },
            h('strong', {}, `${hop.from.name} ${hop.direction === 'backward' ? '←' : '→'} ${term(hop.edge.type)} ${hop.direction === 'backward' ? '←' : '→'} ${hop.to.name}`),
            h('span', { class: 'cite sources', 'data-sources': String(hop.edge.independentSources) }, ` · ${hop.edge.independentSources} ${t(hop.edge.independentSources === 1 ? 'independentSource' : 'independentSources')} (${hop.edge.lineages.map((l: any) => `${l.source}${l.documentIds.length > 1 ? ` ×${l.documentIds.length}` : ''}`).join('; ')})`),
            hop.ended ? h('span', { class: 'ended-mark' }, ` ${t('endedOn')} ${hop.ended.date ?? '?'}`) : null,
            // The end is evidence too: the suspension's own words and source.
            ...(hop.ended?.claims ?? []).map((c: any) =>
              h('div', { class: 'claim ended-by' },
                evidenceWords(c.evidence),
                h('span', { class: 'cite publisher' }, `${c.evidence.document?.publisher ?? ''}`),
                h('span', { class: 'cite' }, ` · ${c.date ?? c.evidence.document?.publishedAt ?? ''} · `),
                link(c.evidence.document?.url, t('source')),
                ' · ', archiveLink(c.evidence.document),
              ),
            ),
            h('div', { class: 'evidence', 'aria-label': t('evidence') },
              ...hop.claims.map((c: any) =>
                h('div', { class: 'claim' },
                  evidenceWords(c.claim.evidence),
                  responsesList(c.claim.responses),
                  copyCitation(app, c),
                  h('span', { class: 'cite publisher' }, `${c.document?.publisher ?? ''}`),
                  h('span', { class: 'cite' }, ` · ${c.document?.publishedAt ?? c.claim.date ?? ''} · ${term(c.claim.certainty)} · `),
                  link(c.document?.url, t('source')),
                  ' · ', archiveLink(c.document),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Whether the path's hops can have held at one time, and the window they share. */
function timingLine(timing: { overlap: boolean | null; from?: string | null; to?: string | null; note?: string | null } | undefined): HTMLElement | null {
  if (!timing || timing.overlap === null) return h('p', { class: 'timing', 'data-overlap': 'unknown' }, t('timingUnknown'));
  if (timing.overlap === false) return h('p', { class: 'timing disjoint', 'data-overlap': 'false' }, `${t('timingDisjoint')} ${timing.note ?? ''}`);
  return h('p', { class: 'timing', 'data-overlap': 'true' }, `${t('timingWindow')} ${timing.from ?? '…'} – ${timing.to ?? '…'}`);
}

/** Freezes a dossier of the paths to this abuse (an editor's key: it is stored) and opens its permalink. */
function dossierButton(app: App, from: string, to: string): HTMLElement {
  return h('button', {
    type: 'button', class: 'dossier', onclick: async () => {
      if (!editorKey()) return app.status(t('needKey'));
      try {
        const { dossier } = await op('Dossier', { e: from, to, asOf: app.state.asof });
        app.status(`${t('dossierMade')} ${location.origin}${dossier.permalink}`);
        window.open(`${location.origin}${dossier.permalink}`, '_blank', 'noopener');
      } catch (err) {
        app.status((err as Error).message);
      }
    },
  }, t('dossier'));
}

/** "Copy citation": publisher, title, date, URL and the words (a paraphrase labelled), ready to paste. */
function copyCitation(app: App, c: any): HTMLElement {
  const d = c.document ?? {};
  const ev = c.claim.evidence;
  const words = !ev.kind || ev.kind === 'quote' ? `“${ev.quote}”` : `(${t('paraphraseBy')} ${ev.writtenBy ?? '?'}) ${ev.quote}`;
  const citation = [d.publisher, d.title, d.publishedAt ?? c.claim.date, d.url, words].filter(Boolean).join(', ');
  return h('button', {
    type: 'button', class: 'copy-citation linklike', 'data-citation': citation, onclick: async () => {
      try {
        await navigator.clipboard.writeText(citation);
        app.status(t('citationCopied'));
      } catch {
        app.status(citation);
      }
    },
  }, t('copyCitation'));
}
