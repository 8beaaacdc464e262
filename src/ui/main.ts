// The explorer: search with suggestions, the graph, and the entity, exposure, place and edit panels, all on
// the public GraphQL API. The view lives in the URL's hash, so a link restores it.
import { nodes, op } from './api.ts';
import { CERTAINTIES, CLAIM_TYPES, REVIEWS, edgeData, type App } from './app.ts';
import { h, replace } from './dom.ts';
import { Graph, KIND_STYLE, type ExportClaim } from './graph.ts';
import { lang, setLang, t, term } from './i18n.ts';
import { renderEdit } from './panels/edit.ts';
import { renderEdge, renderEntity } from './panels/entity.ts';
import { renderExposure } from './panels/exposure.ts';
import { renderPlace } from './panels/place.ts';
import { adoptState, readState, writeState } from './state.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state = readState();
setLang(state.lang);

const graph = new Graph($('cy'), {
  select: (id) => void app.open(id),
  expand: (id) => void app.expand(id),
  // An edge opens its claims and evidence in the Entity tab.
  edge: (e) => {
    state.tab = 'entity';
    for (const tab of TABS) ($(`tab-${tab}`).setAttribute('aria-selected', String(tab === 'entity')), ($(tab).hidden = tab !== 'entity'));
    void renderEdge(app, $('entity'), e).catch((err: Error) => app.status(err.message));
  },
});

// ---- filters ----
const checks = (container: string, values: string[], chosen: string[] | null, name: string) => {
  replace($(container), ...values.map((v) => h('label', {}, h('input', { type: 'checkbox', name, value: v, checked: !chosen || chosen.includes(v) }), ` ${term(v)}`)));
};
const checked = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
// Filters and legend name the vocabulary in the interface's language: drawn again when it changes.
const renderChrome = () => {
  const keep = (name: string) => (document.querySelector(`input[name="${name}"]`) ? checked(name) : null);
  const [types, cert, review] = [keep('type'), keep('cert'), keep('review')];
  checks('types', CLAIM_TYPES, types ?? state.types, 'type');
  checks('certainties', CERTAINTIES, cert ?? state.cert, 'cert');
  checks('reviews', REVIEWS, review ?? state.review ?? ['unreviewed', 'accepted'], 'review');
  replace($('legend'), ...Object.entries(KIND_STYLE).map(([kind, s]) => h('li', {}, h('span', { class: 'swatch', style: `background:${s.color}` }), `${term(kind)} (${s.shape})`)));
};
renderChrome();
($('minconf') as HTMLInputElement).value = String(state.minconf);
$('minconf-out').textContent = String(state.minconf);


const app: App = {
  graph,
  state,
  filter() {
    return { types: checked('type'), certainty: checked('cert'), review: checked('review'), minConfidence: Number(($('minconf') as HTMLInputElement).value) };
  },
  status(text) {
    $('status').textContent = text;
  },
  save() {
    writeState(state);
  },
  async open(id) {
    state.e = id;
    app.save();
    const { entity } = await op('OpenEntity', { id });
    if (!entity) return app.status(`No entity ${id}.`);
    if (graph.addNode(entity)) graph.layout();
    graph.select(entity.id);
    await renderTab();
  },
  async expand(id) {
    const { entity } = await op('Expand', { id, filter: app.filter(), asOf: state.asof });
    if (!entity) return;
    graph.addNode(entity);
    for (const n of nodes(entity.neighbours)) {
      graph.addNode(n.entity);
      graph.addEdge(edgeData(n.edge));
    }
    if (!state.x.includes(id)) state.x.push(id);
    app.save();
    graph.layout();
    graph.applyFilter(clientFilter());
  },
};
(window as unknown as { rightsgraph: unknown }).rightsgraph = {
  // For end-to-end tests, benchmarks and power users at the console: the Cytoscape instance, and what the
  // canvas shows, as data.
  cy: graph.cy,
  nodes: () => graph.cy.nodes().not('.filtered').map((n) => n.id()),
  highlighted: () => graph.cy.$('.path').map((x) => x.id()),
  endedEdges: () => graph.cy.edges('[?ended]').map((x) => x.id()),
};

const clientFilter = () => ({ types: new Set(checked('type')), minConfidence: Number(($('minconf') as HTMLInputElement).value), certainties: new Set(checked('cert')) });
const onFilter = async () => {
  const f = app.filter() as { types: string[]; certainty: string[]; review: string[]; minConfidence: number };
  state.types = f.types.length === CLAIM_TYPES.length ? null : f.types;
  state.cert = f.certainty.length === CERTAINTIES.length ? null : f.certainty;
  state.review = f.review.join() === 'unreviewed,accepted' ? null : f.review;
  state.minconf = f.minConfidence;
  $('minconf-out').textContent = String(f.minConfidence);
  app.save();
  graph.applyFilter(clientFilter());
  await renderTab();
};
for (const id of ['types', 'certainties', 'reviews']) $(id).addEventListener('change', () => void onFilter());
$('minconf').addEventListener('change', () => void onFilter());

// ---- tabs ----
const TABS = ['entity', 'exposure', 'place', 'edit'];
async function renderTab(): Promise<void> {
  for (const tab of TABS) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === state.tab));
    $(tab).hidden = tab !== state.tab;
  }
  rovingTabs();
  try {
    if (state.tab === 'edit') return renderEdit(app, $('edit'));
    if (!state.e) return welcome();
    if (state.tab === 'entity') await renderEntity(app, $('entity'), state.e);
    if (state.tab === 'exposure') await renderExposure(app, $('exposure'), state.e);
    if (state.tab === 'place') await renderPlace(app, $('place'), state.e);
  } catch (err) {
    app.status((err as Error).message);
  }
}
for (const tab of TABS) {
  $(`tab-${tab}`).addEventListener('click', () => {
    state.tab = tab;
    app.save();
    void renderTab();
  });
}

// ---- search with suggestions (keyboard: arrows, Enter, Escape) ----
const input = $('q') as HTMLInputElement;
const list = $('suggestions');
let hits: Array<{ id: string; name: string; kind: string; alias: string | null }> = [];
let active = -1;
let timer: ReturnType<typeof setTimeout> | undefined;
const showHits = () => {
  list.hidden = hits.length === 0;
  list.parentElement!.setAttribute('aria-expanded', String(!list.hidden));
  replace(list, ...hits.map((x, i) => h('li', { role: 'option', id: `opt-${i}`, 'aria-selected': String(i === active), onmousedown: () => pick(i) }, x.name, x.alias ? h('span', { class: 'kind' }, `(${x.alias})`) : null, h('span', { class: 'kind' }, term(x.kind)))));
  if (active >= 0) input.setAttribute('aria-activedescendant', `opt-${active}`);
};
const pick = (i: number) => {
  const x = hits[i];
  if (!x) return;
  hits = [];
  showHits();
  input.value = x.name;
  state.tab = state.tab === 'edit' ? 'entity' : state.tab;
  void app.open(x.id).then(() => app.expand(x.id));
};
input.addEventListener('input', () => {
  clearTimeout(timer);
  const text = input.value.trim();
  if (!text) {
    hits = [];
    return showHits();
  }
  timer = setTimeout(async () => {
    const { search } = await op('Suggest', { t: text });
    const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    hits = nodes(search).map(({ entity: e }: any) => ({
      id: e.id, name: e.name, kind: e.kind,
      // Show the alias that matched when the name itself does not contain the text (another language).
      alias: e.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes(folded) ? null : (e.aliases.find((a: string) => a.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes(folded)) ?? null),
    }));
    active = hits.length ? 0 : -1;
    showHits();
  }, 150);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') (active = Math.min(active + 1, hits.length - 1)), showHits(), e.preventDefault();
  else if (e.key === 'ArrowUp') (active = Math.max(active - 1, 0)), showHits(), e.preventDefault();
  else if (e.key === 'Enter') pick(active), e.preventDefault();
  else if (e.key === 'Escape') (hits = []), showHits();
});

// ---- as of, language, key, export ----
const asof = $('asof') as HTMLInputElement;
asof.value = state.asof ?? '';
asof.addEventListener('change', () => {
  state.asof = asof.value || null;
  app.save();
  void renderTab();
});
$('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
$('lang').addEventListener('click', () => {
  state.lang = lang === 'fr' ? 'en' : 'fr';
  setLang(state.lang);
  $('lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  renderChrome();
  app.save();
  void renderTab();
});
$('key').addEventListener('click', () => {
  state.tab = 'edit';
  app.save();
  void renderTab();
});
const download = (blob: Blob, name: string) => {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
};
$('png').addEventListener('click', () => void captionedPng().then((b) => download(b, 'rightsgraph.png')));
$('graphml').addEventListener('click', () => void exportClaims().then((c) => download(new Blob([graph.graphml(c)], { type: 'application/xml' }), 'rightsgraph.graphml')));
$('gexf').addEventListener('click', () => void exportClaims().then((c) => download(new Blob([graph.gexf(c, viewTitle())], { type: 'application/xml' }), 'rightsgraph.gexf')));

/** The claims of the drawn edges, read from the API for the exports (at most 1,000: the API's id list limit). */
async function exportClaims(): Promise<Map<string, ExportClaim>> {
  const ids = [...new Set(graph.cy.edges().not('.filtered').map((e) => (e.data('claimIds') as string[] | undefined) ?? []).flat())].slice(0, 1000);
  const out = new Map<string, ExportClaim>();
  if (!ids.length) return out;
  const { nodes: found } = await op('EdgeClaims', { ids });
  for (const c of found as any[]) {
    if (!c?.id) continue;
    const d = c.evidence.document ?? {};
    out.set(c.id, { quote: c.evidence.quote, kind: c.evidence.kind, document: [d.publisher, d.title, d.url].filter(Boolean).join(', '), date: c.date ?? d.publishedAt ?? '', certainty: c.certainty });
  }
  return out;
}

const viewTitle = () => `rightsgraph: ${graph.cy.getElementById(state.e ?? '').data('name') ?? t('title')}`;

/** The graph as PNG with a title, the date it shows, the legend and the sources of its drawn edges. */
async function captionedPng(): Promise<Blob> {
  const img = new Image();
  img.src = URL.createObjectURL(graph.png());
  await img.decode();
  const sources = graph.visibleSources();
  const legend = Object.entries(KIND_STYLE);
  const lineH = 26;
  const head = 3 * lineH + 10;
  const foot = (Math.ceil(sources.length / 3) + 1) * lineH + 10;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(img.width, 900);
  canvas.height = img.height + head + foot;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#111';
  g.font = 'bold 22px sans-serif';
  g.fillText(viewTitle(), 16, lineH);
  g.font = '16px sans-serif';
  g.fillText(`${t('asOf')}: ${state.asof ?? new Date().toISOString().slice(0, 10)}`, 16, 2 * lineH);
  let x = 16;
  for (const [kind, st] of legend) {
    g.fillStyle = st.color;
    g.fillRect(x, 2 * lineH + 12, 14, 14);
    g.fillStyle = '#111';
    g.fillText(term(kind), x + 20, 3 * lineH);
    x += g.measureText(term(kind)).width + 44;
  }
  g.drawImage(img, 0, head);
  g.font = '14px sans-serif';
  g.fillText(`${t('sources')}:`, 16, head + img.height + lineH);
  sources.forEach((src, i) => g.fillText(src, 16 + (i % 3) * (canvas.width / 3), head + img.height + (2 + Math.floor(i / 3)) * lineH));
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}
$('link').addEventListener('click', () => {
  app.save();
  void navigator.clipboard?.writeText(location.href).catch(() => undefined);
  app.status(t('copied'));
});

// ---- a first visit: what to do, in two lines, with one example to click ----
function welcome(): void {
  const example = h('button', { type: 'button', id: 'example', class: 'linklike', onclick: () => {
    state.tab = 'exposure';
    void app.open('co_Q2283').then(() => app.expand('co_Q2283'));
  } }, t('example'));
  for (const tab of TABS) $(tab).hidden = tab !== 'entity';
  replace($('entity'), h('p', { class: 'help' }, t('welcome1')), h('p', { class: 'help' }, t('welcome2'), ' ', example));
}

// ---- Back and Forward move through the views (the URL holds them) ----
window.addEventListener('popstate', () => {
  const back = readState();
  Object.assign(state, { e: back.e, tab: back.tab, abuse: back.abuse, asof: back.asof });
  adoptState(state);
  asof.value = state.asof ?? '';
  if (state.e) void app.open(state.e);
  else void renderTab();
});

// ---- the tab list: arrow keys move between tabs (one Tab stop for the list) ----
$('tab-entity').parentElement!.addEventListener('keydown', (e) => {
  const focused = TABS.indexOf((document.activeElement?.id ?? '').replace(/^tab-/, ''));
  const at = focused >= 0 ? focused : TABS.indexOf(state.tab);
  const to = e.key === 'ArrowRight' ? (at + 1) % TABS.length : e.key === 'ArrowLeft' ? (at + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
  if (to < 0) return;
  e.preventDefault();
  const b = $(`tab-${TABS[to]}`);
  b.focus();
  b.click();
});
const rovingTabs = () => {
  for (const tab of TABS) $(`tab-${tab}`).setAttribute('tabindex', tab === state.tab ? '0' : '-1');
};

// ---- restore the view from the URL ----
(async () => {
  for (const id of state.x) await app.expand(id);
  if (state.e) await app.open(state.e);
  else await renderTab();
})();
