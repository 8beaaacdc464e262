// Amounts of money in French and English text, normalised: "cinq millions de dollars", "$5 million",
// "USD 5m", "1,2 milliard d'euros", "£300,000" → { amount, currency (ISO 4217) } with their offsets.
// Hand-written because no maintained npm library reads French number words and currencies together
// (words-to-numbers and friends are English-only); it works on the tokenizer's words, so it is linear
// and needs no regular expression that could backtrack.
import type { Token } from './tokens.ts';
import { lookup } from '../util/lookup.ts';

export interface MoneyMention {
  start: number;
  end: number;
  amount: number;
  currency: string;
}

const UNITS: Record<string, number> = lookup({
  zero: 0, un: 1, une: 1, one: 1, deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5,
  six: 6, sept: 7, seven: 7, huit: 8, eight: 8, neuf: 9, nine: 9, dix: 10, ten: 10, onze: 11, eleven: 11,
  douze: 12, twelve: 12, treize: 13, thirteen: 13, quatorze: 14, fourteen: 14, quinze: 15, fifteen: 15,
  seize: 16, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, vingt: 20, vingts: 20, twenty: 20,
  trente: 30, thirty: 30, quarante: 40, forty: 40, cinquante: 50, fifty: 50, soixante: 60, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, septante: 70, huitante: 80, nonante: 90,
});
const HUNDRED = new Set(['cent', 'cents', 'hundred']);
const LINK = new Set(['et', 'and']);
/** Scale words after a number: "5 millions", "1.2bn", "300k". */
const SCALES: Record<string, number> = lookup({
  mille: 1e3, thousand: 1e3, k: 1e3, million: 1e6, millions: 1e6, m: 1e6, mn: 1e6, mio: 1e6,
  milliard: 1e9, milliards: 1e9, md: 1e9, mds: 1e9, mrd: 1e9, billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9,
});
/** Currency words after the number (with "de"/"d'"/"of" allowed before them). */
const CURRENCY_WORDS: Record<string, string> = lookup({
  dollar: 'USD', dollars: 'USD', usd: 'USD', euro: 'EUR', euros: 'EUR', eur: 'EUR', gbp: 'GBP',
  pound: 'GBP', pounds: 'GBP', sterling: 'GBP', shekel: 'ILS', shekels: 'ILS', sheqel: 'ILS', ils: 'ILS', nis: 'ILS',
  chf: 'CHF', yen: 'JPY', jpy: 'JPY', yuan: 'CNY', cny: 'CNY', rmb: 'CNY', roubles: 'RUB', rubles: 'RUB', rub: 'RUB',
  dirhams: 'AED', aed: 'AED', riyals: 'SAR', sar: 'SAR', cad: 'CAD', aud: 'AUD',
});
/** Codes written before the number: "USD 5m", "EUR 300 000". */
const CODES_BEFORE = new Set(['USD', 'EUR', 'GBP', 'ILS', 'NIS', 'CHF', 'JPY', 'CNY', 'CAD', 'AUD', 'AED', 'SAR']);
const SYMBOLS: Record<string, string> = lookup({ $: 'USD', '€': 'EUR', '£': 'GBP', '₪': 'ILS', '¥': 'JPY' });
const THOUSANDS_GAPS = new Set([' ', '\u00a0', '\u202f', "'"]);

export interface NumberRun {
  value: number;
  /** Tokens [from, to). */
  from: number;
  to: number;
  /** The scale was glued to the digits: "5m", "1.2bn". */
  scaled?: boolean;
}

/** Digits, or digits with a glued scale ("5m", "2bn", "300k"). */
const GLUED = /^(\d+)(k|m|mn|bn|b|md|mds)?$/;

/** Digits as written: "5", "1,2", "1.5", "300 000", "1,500,000" (the decimal mark depends on the language). */
function digitsAt(text: string, tokens: readonly Token[], i: number, lang: string): NumberRun | null {
  const first = GLUED.exec(tokens[i]!.norm);
  if (!first) return null;
  const groups = [first[1]!];
  const seps: string[] = [];
  let scale = first[2] ? SCALES[first[2]]! : 1;
  let j = i + 1;
  while (scale === 1 && j < tokens.length && groups.length < 8) {
    const next = GLUED.exec(tokens[j]!.norm);
    if (!next) break;
    const gap = text.slice(tokens[j - 1]!.end, tokens[j]!.start);
    if (gap.length !== 1 || !(gap === ',' || gap === '.' || THOUSANDS_GAPS.has(gap))) break;
    // A space separates thousands only before a group of three digits.
    if (THOUSANDS_GAPS.has(gap) && tokens[j]!.norm.length !== 3) break;
    seps.push(gap);
    groups.push(next[1]!);
    if (next[2]) scale = SCALES[next[2]]!;
    j++;
  }
  const decimalMark = lang === 'en' ? '.' : ',';
  let intPart = groups[0]!;
  let frac = '';
  for (let g = 1; g < groups.length; g++) {
    const sep = seps[g - 1]!;
    const last = g === groups.length - 1;
    if (last && (sep === decimalMark || ((sep === ',' || sep === '.') && groups[g]!.length !== 3))) frac = groups[g]!;
    else intPart += groups[g]!;
  }
  const value = Number(frac ? `${intPart}.${frac}` : intPart) * scale;
  return Number.isFinite(value) ? { value, from: i, to: j, scaled: scale !== 1 } : null;
}

/** Number words: "cinq", "vingt-cinq", "trois cents", "two hundred and fifty". */
function wordsAt(tokens: readonly Token[], i: number): NumberRun | null {
  let total = 0;
  let current = 0;
  let j = i;
  let used = 0;
  while (j < tokens.length && j - i < 8) {
    const w = tokens[j]!.norm;
    if (w in UNITS) current += UNITS[w]!;
    else if (HUNDRED.has(w)) current = (current || 1) * 100;
    else if ((w === 'mille' || w === 'thousand') && tokens[j + 1] && (tokens[j + 1]!.norm in UNITS || HUNDRED.has(tokens[j + 1]!.norm))) {
      total += (current || 1) * 1000;
      current = 0;
    } else if (LINK.has(w) && used > 0 && (tokens[j + 1]?.norm ?? '') in UNITS) {
      // "vingt et un", "hundred and fifty"
    } else break;
    used++;
    j++;
  }
  if (!used) return null;
  return { value: total + current, from: i, to: j };
}

/** A number written in digits or words at token i ("5", "cinq", "vingt-cinq"), or null. */
export function numberAt(text: string, tokens: readonly Token[], i: number, lang: string): NumberRun | null {
  return digitsAt(text, tokens, i, lang) ?? wordsAt(tokens, i);
}

const isDigitToken = (t: Token | undefined) => !!t && /^\d/.test(t.norm);

/** Every amount of money in the text with its currency; amounts without a currency are not money. */
export function findMoney(text: string, tokens: readonly Token[], lang: string, from = 0, to = tokens.length): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (let i = from; i < to; i++) {
    // Not from the middle of "1 500 000" or "1,2".
    if (isDigitToken(tokens[i - 1]) && /^\d/.test(tokens[i]!.norm) && text.slice(tokens[i - 1]!.end, tokens[i]!.start).length === 1) continue;
    const run = digitsAt(text, tokens, i, lang) ?? (i > 0 && tokens[i - 1]!.norm in UNITS ? null : wordsAt(tokens, i));
    if (!run) continue;
    let value = run.value;
    let j = run.to;
    let end = tokens[j - 1]!.end;
    if (!run.scaled && tokens[j] && tokens[j]!.norm in SCALES && tokens[j]!.start - end <= 1) {
      value *= SCALES[tokens[j]!.norm]!;
      end = tokens[j]!.end;
      j++;
    }
    // Currency after: "dollars", "de dollars", "d'euros", "US dollars", "livres sterling", "€", "$".
    let currency: string | undefined;
    let k = j;
    if (tokens[k] && /^(de|d|of|en)$/.test(tokens[k]!.norm) && tokens[k + 1] && tokens[k + 1]!.norm in CURRENCY_WORDS) k++;
    if (tokens[k] && /^(us|american|americains|israeli|israeliens|new)$/.test(tokens[k]!.norm) && tokens[k + 1] && tokens[k + 1]!.norm in CURRENCY_WORDS) k++;
    if (tokens[k]?.norm === 'livres' && tokens[k + 1]?.norm === 'sterling') k++;
    if (tokens[k] && tokens[k]!.norm in CURRENCY_WORDS && tokens[k]!.start - end <= 4) {
      currency = CURRENCY_WORDS[tokens[k]!.norm];
      end = tokens[k]!.end;
    } else {
      const after = text.slice(end, end + 3).trimStart()[0];
      if (after && after in SYMBOLS && text.slice(end, end + 3).indexOf(after) <= 1) {
        currency = SYMBOLS[after];
        end = text.indexOf(after, end) + 1;
      }
    }
    // Currency before: "$5", "US$ 5", "€1,2", "USD 5m".
    let start = tokens[run.from]!.start;
    if (!currency) {
      const before = text.slice(Math.max(0, start - 2), start).trimEnd();
      const sym = before.at(-1);
      if (sym && sym in SYMBOLS) {
        currency = SYMBOLS[sym];
        start = text.lastIndexOf(sym, start);
        if (text.slice(start - 2, start) === 'US') start -= 2;
      } else if (run.from > 0) {
        const prev = tokens[run.from - 1]!;
        const raw = text.slice(prev.start, prev.end);
        if (CODES_BEFORE.has(raw) && start - prev.end <= 1) {
          currency = raw === 'NIS' ? 'ILS' : raw;
          start = prev.start;
        }
      }
    }
    if (!currency || !(value > 0)) continue;
    out.push({ start, end, amount: Math.round(value * 100) / 100, currency });
    i = Math.max(i, k, run.to - 1);
  }
  return out;
}
