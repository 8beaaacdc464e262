// The entity panel: kind, aliases, external ids (Wikidata link), documents, and claims grouped by type, each
// with its quote and source; editors can accept or reject a claim with a note.
import { editorKey, nodes, ok, op } from '../api.ts';
import type { App } from '../app.ts';
import { h, link, replace, turn } from '../dom.ts';
import { t, term } from '../i18n.ts';
import { archiveLink, evidenceWords, responsesList } from '../evidence.ts';
import { timeline, timelineEvents } from '../timeline.ts';


export async function renderEntity(app: App, el: HTMLElement, id: string): Promise<void> {
  const current = turn(el);
  const { entity: e } = await op('EntityPanel', { id, filter: app.filter() });
  if (!current()) return;
  if (!e) {
    replace(el, h('p', {}, `No entity ${id}.`));
    return;
  }
  const byType = new Map<string, any[]>();
  for (const c of nodes(e.claims)) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  const detail = (['country', 'govType', 'orgType', 'techType', 'category'] as const).filter((k) => e[k]).map((k) => `${k}: ${e[k]}`).join(' · ');
  replace(
    el,
    h('h2', {}, e.name, h('span', { class: 'kind' }, term(e.kind))),
    detail ? h('p', { class: 'help' }, detail) : null,
    e.description ? h('p', {}, e.description) : null,
    e.aliases.length ? h('p', {}, h('strong', {}, `${t('aliases')}: `), e.aliases.join(' · ')) : null,
    e.externalIds.wikidata ? h('p', {}, h('strong', {}, `${t('externalIds')}: `), link(`https://www.wikidata.org/wiki/${e.externalIds.wikidata}`, `Wikidata ${e.externalIds.wikidata}`)) : null,
    e.topics.length ? topicsList(e.topics) : null,
    h('button', { type: 'button', id: 'expand', onclick: () => void app.expand(e.id) }, t('expand')),
    h('h3', {}, t('documents')),
    h('ul', {}, ...nodes(e.documents).map((d: any) => h('li', {}, link(d.url, d.title ?? d.id), ` — ${d.publisher ?? ''} ${d.publishedAt ?? ''} `, archiveLink(d)))),
    h('h3', {}, t('timelineTitle')),
    timeline(timelineEvents(nodes(e.claims), e as any)),
    h('h3', {}, t('claims')),
    h(
      'div',
      { class: 'claims' },
      ...[...byType].map(([type, cs]) =>
        h('section', {}, h('h4', {}, `${type} (${cs.length})`), h('ul', {}, ...cs.map((c: any) => claimItem(app, c, () => renderEntity(app, el, id))))),
      ),
    ),
  );
}

/** Registry listings: each topic with who lists it, since and until when, its programme and source. */
function topicsList(topics: any[]): HTMLElement {
  return h(
    'section',
    { class: 'topics', 'aria-label': t('topics') },
    h('h3', {}, t('topics')),
    h('p', { class: 'help' }, t('topicsHelp')),
    h(
      'ul',
      {},
      ...[...topics].sort((a: any, b: any) => `${a.topic} ${a.dataset}`.localeCompare(`${b.topic} ${b.dataset}`)).map((x: any) =>
        h(
          'li',
          { 'data-topic': x.topic },
          h('strong', {}, term(x.topic)),
          ` — ${t('listedBy')} ${x.dataset}`,
          x.since ? ` ${t('from')} ${x.since}` : '',
          x.until ? ` ${t('until')} ${x.until}` : '',
          x.seen ? ` (${t('lastListed')} ${x.seen})` : '',
          x.note ? ` — ${x.note}` : '',
          x.sourceUrl ? h('span', { class: 'cite' }, ' ', link(x.sourceUrl, t('source'))) : '',
        ),
      ),
    ),
  );
}

export function claimItem(app: App, c: any, refresh: () => Promise<void>): HTMLElement {
  const other = (x: any) => h('button', { type: 'button', class: 'linklike', onclick: () => void app.open(x.id) }, x.name);
  const li = h(
    'li',
    { 'data-claim': c.id, 'data-review': c.review.status },
    other(c.subject), ` ${term(c.type)} `, other(c.object),
    h('span', { class: 'cite' }, ` — ${term(c.certainty)}, ${Math.round(c.confidence * 100)}%, ${term(c.review.status)}`),
    evidenceWords(c.evidence),
    responsesList(c.responses),
    h('span', { class: 'cite' }, link(c.evidence.document?.url, c.evidence.document?.title ?? ''), ` ${c.evidence.document?.publisher ?? ''} ${c.evidence.document?.publishedAt ?? ''}`),
  );
  if (editorKey()) {
    const note = h('input', { type: 'text', 'aria-label': t('note'), placeholder: t('note'), class: 'note' });
    const review = (status: string) => async () => {
      try {
        ok((await op('ReviewClaim', { id: c.id, status: status as 'accepted' | 'rejected', note: note.value || null })).reviewClaim);
        app.status(t('done'));
        await refresh();
      } catch (err) {
        app.status((err as Error).message);
      }
    };
    li.append(h('div', {}, note, h('button', { type: 'button', class: 'accept', onclick: review('accepted') }, t('accept')), ' ', h('button', { type: 'button', class: 'reject', onclick: review('rejected') }, t('reject'))));
  }
  return li;
}

/** A clicked edge: its claims with their evidence, in the entity panel (the Entity tab). */
export async function renderEdge(app: App, el: HTMLElement, edge: { type: string; subject: string; object: string; claimIds?: string[] }): Promise<void> {
  const current = turn(el);
  const { nodes: found } = await op('EdgeClaims', { ids: (edge.claimIds ?? []).slice(0, 200) });
  if (!current()) return;
  const claims: any[] = found.filter((c: any) => c && c.id);
  const name = (id: string) => claims.find((c: any) => c.subject.id === id)?.subject.name ?? claims.find((c: any) => c.object.id === id)?.object.name ?? id;
  replace(
    el,
    h('h2', { class: 'edge-title' }, `${name(edge.subject)} → ${term(edge.type)} → ${name(edge.object)}`),
    h('p', { class: 'cite' }, `${claims.length} ${t('claims').toLowerCase()}`),
    timeline(timelineEvents(claims)),
    h('ul', { class: 'claims' }, ...claims.map((c: any) => claimItem(app, c, () => renderEdge(app, el, edge)))),
  );
}
