// The place view: for a country, region or city, the abuses that occurred there or in the places inside it
// (a country holds every place of its country code, any place what is PART_OF it), the state bodies
// responsible, the suppliers exposed to each abuse, the places inside, and a timeline of the documents that
// speak of them. What a source denies ("X did not…") is not shown as if it were asserted.
import { nodes, op } from '../api.ts';
import type { App } from '../app.ts';
import { h, link, replace, turn } from '../dom.ts';
import { t, term } from '../i18n.ts';

/** Abuses shown (each costs one exposedTo request); the rest are counted. */
const MAX_ABUSES = 50;
/** Places inside listed by name; the rest are counted. */
const MAX_PARTS = 100;

export async function renderPlace(app: App, el: HTMLElement, id: string): Promise<void> {
  const current = turn(el);
  const { entity } = await op('Place', { id });
  if (!current()) return;
  if (!entity || entity.kind !== 'Location') {
    replace(el, h('p', { class: 'help' }, t('notPlace')));
    return;
  }
  const parts = nodes<any>(entity.parts);
  // Where each abuse occurred: the place itself, or the parts that hold it.
  const where = new Map<string, string[]>();
  const note = (abuseId: string, place: string) => where.set(abuseId, [...(where.get(abuseId) ?? []), place]);
  for (const n of nodes<any>(entity.neighbours)) note(n.entity.id, entity.name);
  for (const p of parts) for (const n of nodes<any>(p.entity.neighbours)) note(n.entity.id, p.entity.name);
  const abuseIds = [...where.keys()];
  const shownIds = abuseIds.slice(0, MAX_ABUSES);
  const abuses = shownIds.length ? (await op('PlaceAbuses', { ids: shownIds })).entities : [];
  const exposed = await Promise.all(abuses.map((a: any) => op('ExposedTo', { abuse: a.id, asOf: app.state.asof }).then((r) => nodes(r.exposedTo))));
  if (!current()) return;
  const docs = new Map<string, any>();
  for (const a of abuses) for (const d of nodes<any>(a.documents)) docs.set(d.id, d);
  const timeline = [...docs.values()].sort((a, b) => String(a.publishedAt ?? '').localeCompare(String(b.publishedAt ?? '')));
  const entityButton = (x: any) => h('button', { type: 'button', class: 'linklike', onclick: () => void app.open(x.id) }, x.name);
  // An empty heading says so, rather than leaving the reader to guess whether it loaded.
  const none = () => h('span', { class: 'none-found' }, t('noneFound'));
  // Parts where something happened first, then by depth and name (the API's order).
  const abuseCount = (p: any) => p.entity.neighbours.totalCount ?? 0;
  const listed = [...parts].sort((a, b) => Number(abuseCount(b) > 0) - Number(abuseCount(a) > 0)).slice(0, MAX_PARTS);
  const partsTotal = entity.parts.totalCount ?? parts.length;
  replace(
    el,
    h('h2', {}, entity.name, entity.placeType ? h('span', { class: 'kind' }, ` (${term(entity.placeType)})`) : null),
    h('h3', {}, t('abusesHere')),
    abuses.length ? null : h('p', {}, none()),
    h(
      'ul',
      { class: 'place-abuses' },
      ...abuses.map((a: any, i: number) =>
        h(
          'li',
          {},
          entityButton(a),
          (where.get(a.id) ?? []).some((p) => p !== entity.name) ? h('span', { class: 'kind' }, ` ${t('inPlace')} ${(where.get(a.id) ?? []).join(', ')}`) : null,
          h('div', { class: 'cite' }, `${t('responsible')}: `, ...(nodes(a.neighbours).length ? nodes(a.neighbours).map((r: any) => entityButton(r.entity)) : [none()])),
          h('div', { class: 'cite' }, `${t('suppliers')}: `, ...((exposed[i] ?? []).length ? (exposed[i] ?? []).map((p: any) => h('span', {}, entityButton(p.hops[0].from), ` (${p.score.toFixed(2)}) `)) : [none()])),
        ),
      ),
    ),
    abuseIds.length > shownIds.length ? h('p', { class: 'help' }, `${t('andMore')} ${abuseIds.length - shownIds.length}`) : null,
    h('h3', {}, `${t('placesInside')} (${partsTotal})`),
    parts.length ? null : h('p', {}, none()),
    h(
      'ul',
      { class: 'place-parts' },
      ...listed.map((p: any) => h('li', {}, entityButton(p.entity), h('span', { class: 'kind' }, ` ${p.entity.placeType ? term(p.entity.placeType) : ''}${abuseCount(p) ? ` · ${abuseCount(p)} ${t(abuseCount(p) === 1 ? 'abuseOne' : 'abuseMany')}` : ''}`))),
    ),
    partsTotal > listed.length ? h('p', { class: 'help' }, `${t('andMore')} ${partsTotal - listed.length}`) : null,
    entity.parts.truncated ? h('p', { class: 'help' }, t('partsTruncated')) : null,
    h('h3', {}, t('timeline')),
    timeline.length ? null : h('p', {}, none()),
    h('ol', { class: 'timeline' }, ...timeline.map((d) => h('li', {}, `${d.publishedAt ?? '—'} `, link(d.url, d.title ?? d.id), ` · ${d.publisher ?? ''}`))),
  );
}
