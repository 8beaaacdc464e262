// Dates in French and English text, as precise as the source says them: "le 25 septembre" → 2025-09-25
// (the year from the document's date when absent), "March 2021" / "mars 2021" → 2021-03, "en 2017" → 2017.
// chrono-node reads day-level and relative dates in both languages; its French parser misses "mars 2021"
// and bare years, which a small month lexicon over the tokens adds. Durations ("de cinq ans", "five-year")
// give a contract's end from its start.
import * as chrono from 'chrono-node';
import { numberAt } from './money.ts';
import { firstIndexWhere, type Token } from './tokens.ts';
import { lookup } from '../util/lookup.ts';

export interface DateMention {
  start: number;
  end: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  value: string;
}

const MONTHS: Record<string, number> = lookup({
  january: 1, janvier: 1, jan: 1, february: 2, fevrier: 2, feb: 2, march: 3, mars: 3, mar: 3, april: 4, avril: 4, apr: 4,
  may: 5, mai: 5, june: 6, juin: 6, july: 7, juillet: 7, august: 8, aout: 8, aug: 8, september: 9, septembre: 9, sept: 9, sep: 9,
  october: 10, octobre: 10, oct: 10, november: 11, novembre: 11, nov: 11, december: 12, decembre: 12, dec: 12,
});
/** Words after which a bare year is a date: "en 2017", "since 2021", "fin 2023". */
const YEAR_LEADS = new Set(['en', 'in', 'since', 'depuis', 'from', 'until', 'jusqu', 'between', 'entre', 'fin', 'debut', 'early', 'late', 'mid', 'courant', 'during', 'pendant', 'annee', 'year', 'by']);

const INSTANTS = /^(?:now|right now|today|tonight|tomorrow|yesterday|maintenant|aujourd['’]hui|ce soir|demain|hier|actuellement)$/iu;
const pad = (n: number) => String(n).padStart(2, '0');
const isYear = (w: string) => /^(19[5-9]\d|20\d\d)$/.test(w);

/**
 * Dates in text[start, end). `published` (YYYY-MM-DD) is the reference for relative dates and missing
 * years; without it, a date without a year is skipped rather than guessed.
 */
export function findDates(text: string, tokens: readonly Token[], lang: string, published: string | null | undefined, start = 0, end = text.length): DateMention[] {
  const out: DateMention[] = [];
  const slice = text.slice(start, end);
  const ref = published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? new Date(`${published}T12:00:00Z`) : undefined;
  const parser = lang === 'fr' ? chrono.fr : chrono.en;
  for (const r of parser.parse(slice, ref ?? new Date(0))) {
    const c = r.start;
    if (!c.isCertain('month')) continue;
    // A relative date ("le mois dernier") means nothing without the document's date.
    if (!ref && !/\d/.test(r.text)) continue;
    // "now", "today": chrono reads "Access Now" and "Aujourd'hui" headlines as the reference instant.
    if (INSTANTS.test(r.text.trim())) continue;
    const year = c.isCertain('year') ? c.get('year') : ref?.getUTCFullYear();
    if (year === undefined || year === null) continue;
    const month = c.get('month')!;
    const value = c.isCertain('day') ? `${year}-${pad(month)}-${pad(c.get('day')!)}` : `${year}-${pad(month)}`;
    out.push({ start: start + r.index, end: start + r.index + r.text.length, value });
  }
  // "mars 2021", "March 2021", and bare years after a leading word, where chrono found nothing.
  const covered = (s: number, e: number) => out.some((d) => d.start < e && s < d.end);
  for (let i = firstToken(tokens, start); i < tokens.length && tokens[i]!.start < end; i++) {
    const t = tokens[i]!;
    if (!isYear(t.norm)) continue;
    const prev = tokens[i - 1];
    const month = prev ? MONTHS[prev.norm] : undefined;
    if (month && prev!.start >= start && t.start - prev!.end <= 2 && !covered(prev!.start, t.end)) {
      out.push({ start: prev!.start, end: t.end, value: `${t.norm}-${pad(month)}` });
    } else if (prev && YEAR_LEADS.has(prev.norm) && prev.start >= start && !covered(t.start, t.end)) {
      out.push({ start: t.start, end: t.end, value: t.norm });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const firstToken = (tokens: readonly Token[], offset: number) => firstIndexWhere(tokens, (t) => t.end > offset);

/** A duration in years in text[start, end): "de cinq ans", "for three years", "a five-year contract". */
export function findYears(text: string, tokens: readonly Token[], lang: string, start: number, end: number): number | undefined {
  for (let i = firstToken(tokens, start); i < tokens.length && tokens[i]!.end <= end; i++) {
    const n = numberAt(text, tokens, i, lang);
    if (!n || n.value < 1 || n.value > 50 || !Number.isInteger(n.value)) continue;
    const unit = tokens[n.to]?.norm;
    if (unit === 'ans' || unit === 'annees' || unit === 'years' || unit === 'year') return n.value;
    i = n.to - 1;
  }
  return undefined;
}

/** `date` plus `years` whole years, at the same precision. */
export function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}
