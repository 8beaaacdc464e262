// The view's state, kept in the URL's hash so that a link restores the view: the entity open, the date,
// the language, the tab, the chosen abuse, the expanded entities and the filters.
export interface ViewState {
  e: string | null;
  asof: string | null;
  lang: string | null;
  tab: string;
  abuse: string | null;
  x: string[];
  types: string[] | null;
  minconf: number;
  cert: string[] | null;
  review: string[] | null;
}

export function readState(): ViewState {
  const p = new URLSearchParams(location.hash.slice(1));
  const list = (k: string) => (p.get(k) ? p.get(k)!.split(',').filter(Boolean) : null);
  return {
    e: p.get('e'), asof: p.get('asof'), lang: p.get('lang'), tab: p.get('tab') ?? 'entity', abuse: p.get('abuse'),
    x: list('x') ?? [], types: list('types'), minconf: Number(p.get('minconf') ?? 0), cert: list('cert'), review: list('review'),
  };
}

let lastView: string | null = null;
const viewKey = (s: ViewState) => [s.e, s.tab, s.abuse, s.asof].join('|');

/** After Back or Forward: the state the browser restored is the current step (no new history entry). */
export function adoptState(s: ViewState): void {
  lastView = viewKey(s);
}

export function writeState(s: ViewState): void {
  const p = new URLSearchParams();
  if (s.e) p.set('e', s.e);
  if (s.asof) p.set('asof', s.asof);
  if (s.lang) p.set('lang', s.lang);
  if (s.tab !== 'entity') p.set('tab', s.tab);
  if (s.abuse) p.set('abuse', s.abuse);
  if (s.x.length) p.set('x', s.x.join(','));
  if (s.types) p.set('types', s.types.join(','));
  if (s.minconf) p.set('minconf', String(s.minconf));
  if (s.cert) p.set('cert', s.cert.join(','));
  if (s.review) p.set('review', s.review.join(','));
  // A new view (entity, tab, chosen abuse, date) is a step the browser's Back button returns from; filters
  // and expansions only rewrite the current step.
  const view = viewKey(s);
  if (view !== lastView && lastView !== null) history.pushState(null, '', `#${p.toString()}`);
  else history.replaceState(null, '', `#${p.toString()}`);
  lastView = view;
}
