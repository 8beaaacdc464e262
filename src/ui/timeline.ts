// A time axis of claims (an entity's, an edge's): when each relation holds from or was dated, when it was
// first and last reported, suspensions, and abuses' own dates, in date order with a bar per year. Dates are
// as precise as their sources (YYYY, YYYY-MM, YYYY-MM-DD).
import { h } from './dom.ts';
import { t, term } from './i18n.ts';

interface Event {
  date: string;
  label: string;
  kind: 'relation' | 'reported' | 'suspended' | 'abuse';
}

/** Events of a list of claims (ClaimFields) and, for an abuse, its own start and end. */
export function timelineEvents(claims: readonly any[], entity?: { kind: string; startDate?: string | null; endDate?: string | null; name: string }): Event[] {
  const out: Event[] = [];
  const reported = claims.map((c) => c.evidence?.document?.publishedAt).filter(Boolean).sort();
  if (reported.length) {
    out.push({ date: reported[0], label: t('firstReported'), kind: 'reported' });
    if (reported.at(-1) !== reported[0]) out.push({ date: reported.at(-1), label: t('lastReported'), kind: 'reported' });
  }
  for (const c of claims) {
    const what = `${c.subject?.name ?? ''} ${term(c.type)} ${c.object?.name ?? ''}`;
    if (c.type === 'SUSPENDED' && c.date) out.push({ date: c.date, label: what, kind: 'suspended' });
    else if (c.validFrom || c.date) out.push({ date: c.validFrom ?? c.date, label: `${what}${c.validFrom ? ` (${t('from')})` : ''}`, kind: c.type === 'RESPONSIBLE_FOR' || c.type === 'ENABLES' ? 'abuse' : 'relation' });
    if (c.validTo) out.push({ date: c.validTo, label: `${what} (${t('until')})`, kind: 'relation' });
  }
  if (entity?.kind === 'Abuse') {
    if (entity.startDate) out.push({ date: entity.startDate, label: `${entity.name} (${t('began')})`, kind: 'abuse' });
    if (entity.endDate) out.push({ date: entity.endDate, label: `${entity.name} (${t('ended')})`, kind: 'abuse' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
}

export function timeline(events: readonly Event[]): HTMLElement {
  if (!events.length) return h('p', { class: 'timeline-empty' }, t('noDates'));
  const years = events.map((e) => Number(e.date.slice(0, 4)));
  const [lo, hi] = [Math.min(...years), Math.max(...years)];
  const span = Math.max(hi - lo, 1);
  return h(
    'ol',
    { class: 'timeline', 'aria-label': t('timelineOf') },
    ...events.map((e) =>
      h(
        'li',
        { class: `event ${e.kind}`, 'data-date': e.date },
        // The bar's offset places the event on an axis from the first year to the last.
        h('span', { class: 'axis', 'aria-hidden': 'true', style: `--at:${(((Number(e.date.slice(0, 4)) - lo) / span) * 100).toFixed(1)}%` }),
        h('time', { datetime: e.date }, e.date),
        ` ${e.label}`,
      ),
    ),
  );
}
