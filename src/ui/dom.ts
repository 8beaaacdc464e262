// A tiny DOM builder: text always goes in as text nodes (quotes and names come from documents, never
// trusted as HTML), links only for http(s) URLs.
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | ((e: Event) => void)> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'object' ? c : String(c));
  return el;
}

export function link(url: string | null | undefined, text: string): Node {
  if (!url || !/^https?:\/\//i.test(url)) return document.createTextNode(text);
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text);
}

export function replace(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'object' ? c : String(c))));
}

const turns = new WeakMap<HTMLElement, number>();
/** Takes the next turn at drawing `el`; the returned check is false once a later render has taken one.
 * Renders wait on the API, so a slow earlier one (the entity a page opened on) could otherwise land after a
 * later one (the edge the user then clicked) and overwrite it. */
export function turn(el: HTMLElement): () => boolean {
  const mine = (turns.get(el) ?? 0) + 1;
  turns.set(el, mine);
  return () => turns.get(el) === mine;
}
