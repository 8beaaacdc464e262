// The place view: for a country or region, the abuses that occurred there, the state bodies responsible,
// the suppliers exposed to each abuse, and a timeline of the documents that speak of them. What a source
// denies ("X did not…") is not shown as if it were asserted.
import { nodes, op } from '../api.ts';
import type { App } from '../app.ts';
import { h, link, replace } from '../dom.ts';
import { t } from '../i18n.ts';


export async function renderPlace(app: App, el: HTMLElement, id: string): Promise<void> {
  const { entity } = await op('Place', { id });
  if (!entity || entity.kind !== 'Location') {
    replace(el, h('p', { class: 'help' }, t('notPlace')));
    return;
  }
  const abuses = nodes(entity.neighbours).map((i: any) => i.entity);
  const exposed = await Promise.all(abuses.map((a: any) => op('ExposedTo', { abuse: a.id, asOf: app.state.asof }).then((r) => nodes(r.exposedTo))));
  const docs = new Map<string, any>();
  for (const a of abuses) for (const d of nodes<any>(a.documents)) docs.set(d.id, d);
  const timeline = [...docs.values()].sort((a, b) => String(a.publishedAt ?? '').localeCompare(String(b.publishedAt ?? '')));
  const entityButton = (x: any) => h('button', { type: 'button', class: 'linklike', onclick: () => void app.open(x.id) }, x.name);
  // An empty heading says so, rather than leaving the reader to guess whether it loaded.
  const none = () => h('span', { class: 'none-found' }, t('noneFound'));
  replace(
    el,
    h('h2', {}, entity.name),
    h('h3', {}, t('abusesHere')),
    abuses.length ? null : h('p', {}, none()),
    h(
      'ul',
      {},
      ...abuses.map((a: any, i: number) =>
        h(
          'li',
          {},
          entityButton(a),
          h('div', { class: 'cite' }, `${t('responsible')}: `, ...(nodes(a.neighbours).length ? nodes(a.neighbours).map((r: any) => entityButton(r.entity)) : [none()])),
          h('div', { class: 'cite' }, `${t('suppliers')}: `, ...((exposed[i] ?? []).length ? (exposed[i] ?? []).map((p: any) => h('span', {}, entityButton(p.hops[0].from), ` (${p.score.toFixed(2)}) `)) : [none()])),
        ),
      ),
    ),
    h('h3', {}, t('timeline')),
    timeline.length ? null : h('p', {}, none()),
    h('ol', { class: 'timeline' }, ...timeline.map((d) => h('li', {}, `${d.publishedAt ?? '—'} `, link(d.url, d.title ?? d.id), ` · ${d.publisher ?? ''}`))),
  );
}
