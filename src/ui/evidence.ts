// How evidence is shown: a quote as a quotation, a paraphrase or summary labelled with who wrote it and
// never in quotation style, and the archived copy as a link only where this server holds one.
import { h, link } from './dom.ts';
import { t } from './i18n.ts';

/** The claim's words: a blockquote for the document's own words, a labelled paragraph otherwise. */
export function evidenceWords(ev: { kind?: string | null; quote: string; writtenBy?: string | null; language?: string | null }): HTMLElement {
  if (!ev.kind || ev.kind === 'quote') return h('blockquote', { 'data-kind': 'quote' }, ev.quote);
  const label = `${t(ev.kind === 'summary' ? 'summaryBy' : 'paraphraseBy')} ${ev.writtenBy ?? '?'}${ev.language ? ` (${ev.language})` : ''}: `;
  return h('p', { class: 'paraphrase', 'data-kind': ev.kind }, h('span', { class: 'kind-label' }, label), ev.quote);
}

/** A link to the archived copy, or a line saying there is none (a seed, a store imported without its archive). */
export function archiveLink(doc: { archiveUrl?: string | null } | null | undefined, text = t('archived')): Node {
  if (doc?.archiveUrl) return link(`${location.origin}${doc.archiveUrl}`, text);
  return h('span', { class: 'cite no-archive' }, t('noArchive'));
}

/** A claim's right of reply under it: the responder's words and source, or its silence by a date. */
export function responsesList(responses: ReadonlyArray<{ kind: string; quote?: string | null; date: string; by?: { name: string } | null; document?: { title?: string | null; url?: string | null; publisher?: string | null } | null }> | undefined): HTMLElement | null {
  if (!responses?.length) return null;
  return h(
    'ul',
    { class: 'responses', 'aria-label': t('responses') },
    ...responses.map((r) =>
      h(
        'li',
        { class: 'response', 'data-kind': r.kind },
        r.kind === 'reply'
          ? h('span', {}, h('strong', {}, `${r.by?.name ?? '?'} ${t('replied')} (${r.date}): `), h('q', {}, r.quote ?? ''), ' — ', link(r.document?.url, r.document?.publisher ?? r.document?.title ?? t('source')))
          : h('strong', {}, `${r.by?.name ?? '?'} ${t('noResponse')} ${r.date}`),
      ),
    ),
  );
}
