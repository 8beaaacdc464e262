// Claims from mentions: each trigger phrase of the lexicon binds the nearest fitting entity before it (its
// subject) to the fitting entities after it (objects, with coordinated lists "X, Y et Z"), flipped after a
// passive marker, checked against the ontology's claim signatures. A few structural rules add what word
// order alone states: "Azure de Microsoft" (PROVIDES), an abuse and a place in one sentence (OCCURRED_IN),
// a user of a supplier's product (SUPPLIES), role appositions (ROLE_IN), contracts between parties.
// Certainty: alleged under reporting and conditional cues, denied under negation near the trigger.
import { CLAIM_SIGNATURES, type ClaimType, type EntityKind } from '../domain/vocabulary.ts';
import { foldText } from '../domain/normalize.ts';
import type { Lexicon } from './lexicon.ts';
import type { DocEntity, Mention, MentionSet } from './mentions.ts';
import { governmentOf } from './shapes.ts';
import { PhraseMatcher, type PhraseHit } from './phrase-matcher.ts';
import type { Span } from './sentences.ts';
import { firstIndexWhere, phraseWords, type Token } from './tokens.ts';

export interface DraftClaim {
  type: ClaimType;
  subject: string;
  object: string;
  certainty: 'stated' | 'alleged' | 'denied';
  start: number;
  end: number;
  confidence: number;
  rule: string;
  /** Offset of the trigger (or the rule's anchor word): the date nearest to it dates the claim. */
  anchor: number;
  /** Offsets from the first to the last word of its parts (subject, trigger, object). */
  parts: [number, number];
}

/** Where a contract was named: its entity key and the contract word's token, to read its terms around. */
export interface ContractSite {
  key: string;
  sentence: number;
  at: number;
}

const ACTORS: readonly EntityKind[] = ['Company', 'GovernmentBody', 'Organization', 'Person'];
const COORD = /^[\s,;]*(?:(?:et|and|ou|or|&|ainsi que|as well as|notamment|including|such as|y compris|dont|en particulier|in particular|voire|even)[\s,]+)*(?:(?:l|la|le|les|the|d|de|des|du|à|a|en|au|aux|actes|acts|of|ses|sa|son|its|their|leurs?|ong|ngo|organisation|organization|société|entreprise|company|firm|groupe|group|agence|agency|opérateur|operator)[\s'’]+)*$/iu;
/** An enumeration of further objects after the first: "X, notamment leur utilisation de services de Y". */
const ENUMERATION = /^[\s,;(–-]*(?:notamment|including|such as|in particular|en particulier|y compris|par exemple|for example|among them|parmi lesquels|parmi lesquelles)[\s,]/iu;
/** Before a nominal trigger: "the use of", "l'utilisation de". */
const NOMINAL_DETERMINERS = new Set(['the', 'l', 'la', 'le', 'une', 'a', 'an', 'cette', 'this']);
/** A mention opening an apposition to the one before it: "Unit 8200, the …", "NSO, une entreprise …". */
const APPOSITION = /^\s*,\s*(?:the|an?|l['’]|le|la|les|un|une)\s/iu;
/** What may stand between a part and "part of / a unit of / within" its whole: "X, a unit of Y", "X is part of Y". */
const PART_GAP = /^[\s,;(–-]*(?:(?:is|was|are|were|est|etait|était|sont|which|qui|that|now|désormais|also|aussi|itself|elle-même|lui-même)[\s,]+)*$/iu;
/** Prepositions that make a mention a complement, never the subject of a following infinitive. */
const COMPLEMENT_PREPOSITIONS = new Set(['with', 'avec', 'for', 'aupres', 'to', 'a']);
const ARTICLES = new Set(['the', 'l', 'le', 'la', 'les']);
/** After a mention that is the sentence's source: "Amnesty International said", "HRW a déclaré". */
const REPORTED_BY = /^\s*(?:said|says|reported|reports|found|stated|noted|wrote|told|a déclaré|a indiqué|a rapporté|a révélé|a constaté|ont déclaré|ont indiqué|ont révélé|ont constaté)\b/iu;
/** Before it: "according to Amnesty", "selon HRW", "a report by Amnesty International". */
const SOURCE_BEFORE = /(?:according to|selon|d['’]après|report by|rapport de|rapport d['’]|published by|publié par|publiée par)\s+(?:the\s+|l['’]|le\s+|la\s+)?$/iu;
/** Words between a used technology and an abuse that make the abuse its purpose: "used T in/for/to …". */
const PURPOSE = new Set(['in', 'for', 'to', 'pour', 'dans', 'lors', 'during', 'pendant', 'afin', 'into']);
/** Between a subject and its verb: one description set off by commas (and nothing after it but words). */
const INSERTED = /^\s*,[^,;:.()]{1,100},[^,;:.()]{0,60}$/u;
const SOURCE_CUE = /\b(?:selon|according to|d['’]après)\b/iu;
const CONTRACT_WORDS = ['contrat*', 'contract*', 'accord de partenariat', 'accord', 'accords', 'agreement*', 'partenariat*', 'partnership*', 'abonnement*', 'subscription*'];
const contractMatcher = (() => {
  const m = new PhraseMatcher<true>();
  for (const p of CONTRACT_WORDS) m.add(phraseWords(p), true);
  return m;
})();

/** Relations whose subject commonly has several objects in one sentence ("HRW found persecution and apartheid"). */
const MANY_OBJECTS = new Set<ClaimType>(['DOCUMENTS', 'RESPONSIBLE_FOR', 'ENABLES']);
/** Words before a country's name that make it a place, not its government acting. */
const STATE_NOT_SUBJECT = new Set(['in', 'en', 'a', 'au', 'aux', 'dans', 'from', 'of', 'de', 'd', 'du', 'des', 'across', 'throughout', 'within', 'at', 'on', 'sur', 'vers', 'into', 'near', 'pres', 'outside', 'hors', 'than', 'que', 'like', 'comme', 'with', 'avec', 'by', 'par', 'for', 'pour']);
/** Between a product and its maker described: "» de l'entreprise ", " of the Israeli company ", " de la start-up israélienne ". */
const MAKER_GAP = /^\s*(?:[»”"’']\s*)?(?:de\s+|d['’]\s*|of\s+|from\s+|by\s+|par\s+)(?:l['’]\s*|(?:la|le|les|the|an?)\s+)?(?:[\p{Lu}][\p{Ll}-]+\s+)?(?:entreprise|soci[ée]t[ée]|start-up|startup|firme|groupe|company|firm|group|vendor|maker|fabricant|[ée]diteur|developer|d[ée]veloppeur)\s+(?:[\p{Ll}-]+\s+)?$/u;
/** Speech verbs that deny rather than tell. */
const DENIAL = /^(denied|dementi|nie|refute|rejected|rejette)$/;
/** Nouns for the people an abuse struck, before the places where they were found: "victims in …". */
const VICTIM_NOUNS = new Set(['victims', 'victimes', 'targets', 'cibles']);
/** Words before a country's name that leave it a buyer in a sentence of supply: "the spy gear in Bahrain was sold by …". */
const STATE_BUYER_AFTER = new Set(['to', 'a', 'au', 'aux', 'in', 'en']);
/** "based in Mongolia", "installée en Mongolie": a seat, not a buyer. */
const BASED_WORDS = /^(based|headquartered|located|registered|incorporated|founded|basee?s?|situee?s?|installee?s?|implantee?s?|etablie?s?|fondee?s?|nee?)$/;
/** Words before a country's name that make it a buyer: "sold to Bahrain", "vendu à l'Italie". */
const STATE_OBJECT_AFTER = new Set(['to', 'a', 'au', 'aux']);

function fits(kind: EntityKind, kinds: readonly EntityKind[]) {
  return kinds.includes(kind);
}

export function findClaims(text: string, tokens: readonly Token[], sents: readonly Span[], set: MentionSet, lex: Lexicon): { claims: DraftClaim[]; extraEntities: DocEntity[]; contractSites: ContractSite[] } {
  const out: DraftClaim[] = [];
  const extraEntities: DocEntity[] = [];
  const contractSites: ContractSite[] = [];
  const bySentence = new Map<number, Mention[]>();
  for (const m of [...set.mentions, ...countryGovernments(text, tokens, set, lex)]) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
  const group = <T extends { from: number }>(hits: T[]) => {
    const g = new Map<number, T[]>();
    for (const h of hits) {
      const s = sentenceOfToken(h.from);
      g.set(s, [...(g.get(s) ?? []), h]);
    }
    return g;
  };
  const sentStarts = sents.map((s) => s.start);
  function sentStartsIndex(off: number): number {
    let lo = 0;
    let hi = sentStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentStarts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  function sentenceOfToken(i: number): number {
    return sentStartsIndex(tokens[i]!.start);
  }
  const triggers = group(lex.triggers.all(tokens));
  const passives = group(lex.passive.all(tokens));
  const alleged = group(lex.alleged.all(tokens));
  const negations = group(lex.negations.all(tokens));
  const recommendations = group(lex.recommendations.all(tokens));
  const contracts = group(contractMatcher.longest(tokens));
  const complicity = group(lex.shapes.complicityCues.all(tokens));
  const heads = group(lex.shapes.headOfStateTitles.longest(tokens));
  const speech = group(lex.shapes.speechVerbs.longest(tokens));
  const ORG_KINDS: readonly EntityKind[] = ['Organization', 'GovernmentBody', 'Company'];
  /**
   * Roles read around a person's name: "X of the Media Institute", "X (Verts/ALE)", "the city, then led by X",
   * "le régime d'X", "Zimbabwe President X", "le président serbe X".
   */
  const personRoles = (s: number, ms: readonly Mention[]) => {
    const role = (p: Mention, o: Mention | string, from: number, to: number) => emit('ROLE_IN', p, o, s, 0.55, 'role-context', p.from, [from, to]);
    for (const p of ms.filter((m) => m.kind === 'Person')) {
      const after = ms.find((m) => m.from >= p.to && ORG_KINDS.includes(m.kind) && !m.stateOf);
      const gap = after ? text.slice(p.end, after.start) : '';
      if (after && (/^\s*(?:,\s*)?(?:of|at|from|de|du|des|d['’]|chez|with|avec)(?:\s+(?:the|la|le)|\s*l['’])?\s*$/iu.test(gap) || /^\s*\(\s*$/u.test(gap))) role(p, after, p.from, after.to);
      const before = [...ms].reverse().find((m) => m.to <= p.from && ORG_KINDS.includes(m.kind) && !m.stateOf);
      const lead = before ? text.slice(before.end, p.start) : '';
      if (before && /^\s*(?:,\s*)?(?:(?:then|now|alors|désormais|which is|qui est)\s+)?(?:headed|led|chaired|run|founded|directed|dirigée?s?|présidée?s?|fondée?s?|menée?s?)\s+(?:by|par)\s+(?:[\p{L}.]+\s+)?$/iu.test(lead)) role(p, before, before.from, p.to);
      if (before && /^\s*(?:d['’]|de|of)\s*$/iu.test(lead) && set.entities.get(before.entity)?.fields.govType === 'government') role(p, before, before.from, p.to);
      // A head-of-state title between a country (or its adjective) and the name.
      for (const h of heads.get(s) ?? []) {
        if (h.to !== p.from && !(h.to === p.from - 1 && lex.demonyms.has(tokens[h.to]!.norm))) continue;
        const country = lex.demonyms.get(tokens[h.from - 1]?.norm ?? '') ?? lex.demonyms.get(tokens[h.to]?.norm ?? '') ?? ms.find((m) => m.stateOf && m.to === h.from)?.stateOf;
        if (!country) continue;
        const gov = governmentOf(lex, country);
        addGovernment(set, gov, p.from);
        role(p, gov.key, Math.max(0, h.from - 1), p.to);
      }
    }
  };
  const kindOf = (key: string) => set.entities.get(key)!.kind;
  /** Persons the report gives a post in a company or a state body. */
  const officials = new Set(set.roles.filter((r) => ['Company', 'GovernmentBody'].includes(set.entities.get(r.org)?.kind ?? '')).map((r) => r.person));
  /** The word before token i, past one article: "with the Israeli government" → "with". */
  const wordBefore = (i: number) => {
    const w = tokens[i - 1]?.norm ?? '';
    return ARTICLES.has(w) ? (tokens[i - 2]?.norm ?? '') : w;
  };
  /** A mention standing as the source of the sentence: "…, Amnesty International said", "according to HRW". */
  const isSource = (m: Mention) => REPORTED_BY.test(text.slice(m.end, m.end + 30)) || SOURCE_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start));
  /** Inside an opening "Selon A et B, …" / "According to A and B, …": the source, not an actor of the clause. */
  const inSourcePhrase = (m: Mention) => {
    const before = text.slice(sents[m.sentence]!.start, m.start);
    const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1);
    return SOURCE_CUE.test(clause);
  };

  const companies = set.mentions.filter((m) => m.kind === 'Company');
  const lastCompanyBefore = (offset: number): Mention | undefined => companies[firstIndexWhere(companies, (m) => m.end > offset) - 1];

  /** A court, a legislature or a regulator: it judges, asks and sanctions; it neither buys nor commits what it examines. */
  const oversightCache = new Map<string, boolean>();
  const oversees = (key: string) => {
    let v = oversightCache.get(key);
    if (v === undefined) {
      const e = set.entities.get(key)!;
      const folded = [e.name, ...e.aliases].map((n) => ` ${foldText(n)} `);
      v = e.kind === 'GovernmentBody' && [...lex.shapes.oversightWords].some((w) => folded.some((n) => n.includes(` ${w} `)));
      oversightCache.set(key, v);
    }
    return v;
  };

  function certainty(s: number, at: number, span: [number, number]): DraftClaim['certainty'] {
    if ((negations.get(s) ?? []).some((n) => n.from >= span[0] - 6 && n.from <= span[1])) return 'denied';
    if ((alleged.get(s) ?? []).some((a) => a.from <= at + 2)) return 'alleged';
    return 'stated';
  }

  function emit(type: ClaimType, subj: Mention | string, obj: Mention | string, s: number, confidence: number, rule: string, at: number, span: [number, number]) {
    const sk = typeof subj === 'string' ? subj : subj.entity;
    const ok = typeof obj === 'string' ? obj : obj.entity;
    if (sk === ok) return;
    const sig = CLAIM_SIGNATURES[type];
    if (!fits(kindOf(sk), sig.subject) || !fits(kindOf(ok), sig.object)) return;
    if (((type === 'USES' || type === 'RESPONSIBLE_FOR') && oversees(sk)) || (type === 'SUPPLIES' && oversees(ok))) return;
    const sent = sents[s]!;
    let start = sent.start;
    let end = sent.end;
    if (end - start > 600) {
      // A long sentence: quote the clause that holds the parts.
      start = Math.max(sent.start, tokens[Math.max(0, span[0])]!.start);
      end = Math.min(sent.end, tokens[Math.min(tokens.length - 1, span[1] - 1)]!.end);
    }
    out.push({ type, subject: sk, object: ok, certainty: certainty(s, at, span), start, end, confidence: Math.max(0.05, Math.min(1, confidence)), rule, anchor: tokens[at]!.start, parts: [tokens[Math.max(0, span[0])]!.start, tokens[Math.min(tokens.length, span[1]) - 1]!.end] });
  }

  /**
   * The company whose product a USES trigger's object is: a technology word (or mention) right after the
   * trigger, then of/from/by and the company, past a short description ("la start-up israélienne"); or the
   * company's possessive before it ("NSO's tools").
   */
  const MAKER_OF = /^(of|from|by|de|d|du|des|par)$/;
  const USED_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'this', 'these', 'some', 'la', 'le', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'ses', 'sa', 'son', 'leur', 'leurs', 'cette', 'ces', 'ce']);
  const makerOfUsed = (after: number, s: number): Mention | undefined => {
    const ms = bySentence.get(s) ?? [];
    const companyAt = (i: number) => ms.find((m) => m.from === i && m.kind === 'Company');
    for (let j = after; j < after + 4 && j < tokens.length && sentenceOfToken(j) === s; j++) {
      const owner = companyAt(j);
      if (owner && /^['’]s$/.test(text.slice(owner.end, owner.end + 2)) && ms.some((m) => m.kind === 'Technology' && m.from > owner.to - 1 && m.from <= owner.to + 1)) return owner;
      const tech = ms.find((m) => m.from === j && m.kind === 'Technology');
      const end = tech ? tech.to : lex.shapes.techAnaphora.has(tokens[j]!.norm) ? j + 1 : -1;
      // Only determiners between the trigger and what is used ("used the system of", not "used to deploy X's").
      if (end < 0 && !owner && USED_DETERMINERS.has(tokens[j]!.norm)) continue;
      if (end < 0) return undefined;
      if (!MAKER_OF.test(tokens[end]?.norm ?? '')) return undefined;
      for (let k = end + 1; k <= end + 5 && k < tokens.length && sentenceOfToken(k) === s; k++) {
        const c = companyAt(k);
        if (c) return c;
        if (/[,;:.()]/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start)) || ms.some((m) => m.from === k)) return undefined;
      }
      return undefined;
    }
    return undefined;
  };

  const abusesByName = [...set.entities.values()]
    .filter((e) => e.kind === 'Abuse')
    .map((e) => ({ key: e.key, folded: foldText(e.name) }))
    .filter((a) => a.folded.split(' ').length >= 2);

  for (let s = 0; s < sents.length; s++) {
    const ms = bySentence.get(s) ?? [];
    if (ms.length < 1) continue;
    /** "X used T in/for abuse A" (or "the use of T by X during A"): T enables A and X is responsible for it. */
    const usedFor = (tech: Mention, users: ReadonlyArray<Mention | string>, after: number) => {
      const abuse = ms.find((m) => m.kind === 'Abuse' && m.from >= after && m.from - after <= 6);
      if (!abuse || !tokens.slice(after, abuse.from).some((x) => PURPOSE.has(x.norm))) return;
      emit('ENABLES', tech, abuse, s, 0.55, 'used-for', tech.from, [tech.from, abuse.to]);
      for (const u of users) emit('RESPONSIBLE_FOR', u, abuse, s, 0.5, 'used-for', tech.from, [typeof u === 'string' ? tech.from : Math.min(u.from, tech.from), abuse.to]);
    };
    // Trigger binding.
    const seen = new Set<string>();
    for (const t of triggers.get(s) ?? []) {
      const type = t.payload;
      const k = `${type}|${t.from}`;
      if (seen.has(k)) continue;
      seen.add(k);
      // A trigger word inside a name ("Partner Communications", "Alliance …") is part of the name.
      if (ms.some((m) => m.from <= t.from && t.to <= m.to)) continue;
      // "X devrait suspendre Y", "X should stop": a call for an end, not an end. (Other types keep theirs:
      // "X devrait bénéficier de Y" still says what X gets.)
      if (type === 'SUSPENDED' && (recommendations.get(s) ?? []).some((r) => r.to <= t.from && t.from - r.to <= 2)) continue;
      const sig = CLAIM_SIGNATURES[type];
      const passive = (passives.get(s) ?? []).some((p) => p.from === t.to || (p.from >= t.from && p.to === t.to));
      // A country stands for its government as a bare subject ("Bahrain bought") or after "to" ("sold to Italy").
      const asState = (m: Mention, side: 'subject' | 'object') => !m.stateOf || (side === 'subject' ? !STATE_NOT_SUBJECT.has(wordBefore(m.from)) : STATE_OBJECT_AFTER.has(wordBefore(m.from)) && (type === 'SUPPLIES' || type === 'SUSPENDED'));
      const left = ms.filter((m) => m.to <= t.from && asState(m, passive ? 'object' : 'subject')).reverse();
      const right = ms.filter((m) => m.from >= t.to && asState(m, passive ? 'subject' : 'object'));
      const [subjSide, objSide] = passive ? [right, left] : [left, right];
      const prevWord = tokens[t.from - 1]?.norm ?? '';
      // "the use of X by Y", "l'utilisation de X par Y": the user follows "by"; without it, no user is named.
      if (type === 'USES' && !passive && NOMINAL_DETERMINERS.has(prevWord) && /^(of|de|d|du|des)$/.test(tokens[t.to]?.norm ?? '')) {
        const obj = right.find((m) => fits(m.kind, sig.object));
        const by = obj ? tokens.findIndex((x, i) => i >= obj.to && i <= obj.to + 3 && (x.norm === 'by' || x.norm === 'par')) : -1;
        const user = by >= 0 ? right.find((m) => m.from > by && m.from <= by + 3 && fits(m.kind, sig.subject)) : undefined;
        if (obj && user) {
          emit(type, user, obj, s, 0.65, 'trigger:USES:nominal', t.from, [t.from, user.to]);
          usedFor(obj, [user], user.to);
        }
        continue;
      }
      // An infinitive ("… signed a contract with Y to provide Z") takes the clause's subject, not a
      // complement introduced by with/avec/for just before it.
      const infinitive = !passive && (prevWord === 'to' || prevWord === 'pour' || (prevWord === 'de' && tokens[t.from - 2]?.norm === 'afin'));
      const candidates = infinitive ? left.filter((m) => !COMPLEMENT_PREPOSITIONS.has(wordBefore(m.from))) : subjSide;
      let subj: Mention | string | undefined = candidates.find((m) => fits(m.kind, sig.subject) && (type === 'DOCUMENTS' || !inSourcePhrase(m)));
      // "Unit 8200, the Israeli military's elite unit, used …": the head of the apposition is the subject.
      let appositive = false;
      if (subj && !passive) {
        const before = left[left.indexOf(subj) + 1];
        appositive = !!before && fits(before.kind, sig.subject) && APPOSITION.test(text.slice(before.end, subj.start)) && text.slice(subj.end, tokens[t.from]!.start).includes(',');
        if (appositive) subj = before;
      }
      // A pronoun before the trigger ("elle a fourni", "its services") stands for the company named last, in
      // this sentence or the one before ("l'entreprise", "the company" are mentions already: see anaphora).
      if (!subj && sig.subject.includes('Company') && /\b(son|sa|ses|its|elle|it)\b/iu.test(text.slice(sents[s]!.start, tokens[t.from]!.start))) {
        const last = lastCompanyBefore(tokens[t.from]!.start);
        if (last && last.sentence >= s - 1) subj = last.entity;
      }
      if (!subj) continue;
      // A subject far behind the trigger, past a clause break, is another clause's: "X disabled Y, after a review of reports".
      if (typeof subj !== 'string' && !passive && !appositive && !infinitive && t.from - subj.to > 6) {
        const gap = text.slice(subj.end, tokens[t.from]!.start);
        // "Elbit Systems, Israel's largest arms maker, has been a supplier": an inserted description is no clause break.
        if (/[,;:]/.test(gap) && !INSERTED.test(gap)) continue;
      }
      // Coordinated subjects: "The Guardian, +972 Magazine et Local Call ont révélé".
      const subjects: Array<Mention | string> = [subj];
      if (typeof subj !== 'string' && !passive) {
        let head = subj;
        for (const m of left.slice(left.indexOf(subj) + 1)) {
          const gap = text.slice(m.end, head.start);
          if (!fits(m.kind, sig.subject) || gap.length > 40 || !COORD.test(gap) || (type !== 'DOCUMENTS' && inSourcePhrase(m))) break;
          subjects.push(m);
          head = m;
        }
      }
      const objs: Mention[] = [];
      for (const m of objSide) {
        if (!fits(m.kind, sig.object) || (type !== 'DOCUMENTS' && isSource(m))) {
          if (objs.length) break;
          continue;
        }
        if (objs.length) {
          const prev = objs.at(-1)!;
          const gap = passive ? text.slice(m.end, prev.start) : text.slice(prev.end, m.start);
          if ((gap.length > 60 || !COORD.test(gap)) && (passive || gap.length > 100 || !ENUMERATION.test(gap))) break;
        }
        objs.push(m);
        if (type === 'OCCURRED_IN' || type === 'SUSPENDED' || type === 'PARTNERS_WITH' || type === 'DOCUMENTS') continue;
        if (objs.length >= 1 && type !== 'USES' && type !== 'PROVIDES' && type !== 'RESPONSIBLE_FOR' && type !== 'ENABLES') break;
      }
      for (const subj of subjects) for (const o of objs) {
        const subjFrom = typeof subj === 'string' ? t.from : subj.from;
        const dist = Math.abs(t.from - (typeof subj === 'string' ? t.from : passive ? subj.from : subj.to)) + Math.abs(o.from - t.to);
        if (dist > 30) continue;
        // "X, part of Y" / "X within Y": a part is named right before its whole, never a clause away.
        if (type === 'PART_OF' && !passive && typeof subj !== 'string' && !PART_GAP.test(text.slice(subj.end, tokens[t.from]!.start))) continue;
        const span: [number, number] = [Math.min(subjFrom, o.from, t.from), Math.max(typeof subj === 'string' ? t.to : subj.to, o.to, t.to)];
        emit(type, subj, o, s, 0.75 - dist * 0.012, `trigger:${type}${passive ? ':passive' : ''}`, t.from, span);
      }
      // "Hikvision supplied surveillance cameras to the police": what is supplied is the supplier's product.
      if (type === 'SUPPLIES' && !passive) {
        const firstObj = objs[0]?.from ?? t.to + 8;
        for (const tech of right.filter((m) => m.kind === 'Technology' && m.from < firstObj && m.from - t.to <= 6)) {
          for (const subj of subjects) emit('PROVIDES', subj, tech, s, 0.6, 'supplies-product', t.from, [typeof subj === 'string' ? t.from : subj.from, tech.to]);
        }
      }
      // "X used T in airstrikes that killed civilians" / "utilisé T pour la surveillance de masse": the
      // technology enabled the abuse and its user is responsible for it.
      if (type === 'USES') for (const o of objs) usedFor(o, subjects, o.to);
      // "Israël utiliserait la technologie de la start-up Corsight", "uses equipment from Hikvision", "used
      // NSO's tools": what is used is the maker's, so the maker supplies the user.
      if (type === 'USES' && !passive) {
        const maker = makerOfUsed(t.to, s);
        if (maker) for (const subj of subjects) emit('SUPPLIES', maker, subj, s, 0.6, 'uses-makers-product', t.from, [Math.min(typeof subj === 'string' ? t.from : subj.from, t.from), maker.to]);
      }
    }
    // "Azure de Microsoft", "Microsoft's Azure", and a gazetteer product named with its supplier.
    for (const tech of ms.filter((m) => m.kind === 'Technology')) {
      // Past a closing quote and a description of the maker: "le logiciel « X » de l'entreprise Y", "X from
      // the Israeli firm Y".
      const after = ms.find((m) => m.from >= tech.to && m.from - tech.to <= 6 && m.kind === 'Company');
      if (after && (after.from - tech.to <= 2 ? /^\s*(de|d['’]|of|from|by|par)\s*$/iu : MAKER_GAP).test(text.slice(tech.end, after.start))) emit('PROVIDES', after, tech, s, 0.8, 'product-of', tech.from, [tech.from, after.to]);
      const before = ms.find((m) => m.to <= tech.from && tech.from - m.to <= 1 && m.kind === 'Company');
      if (before && /^(['’]s\s+|\s+)$/u.test(text.slice(before.end, tech.start))) emit('PROVIDES', before, tech, s, 0.8, 'product-of', before.from, [before.from, tech.to]);
      const supplier = set.entities.get(tech.entity)?.entry?.supplier;
      if (supplier) {
        const sm = ms.find((m) => set.entities.get(m.entity)?.entry?.name === supplier);
        if (sm) emit('PROVIDES', sm, tech, s, 0.7, 'gazetteer-supplier', tech.from, [Math.min(sm.from, tech.from), Math.max(sm.to, tech.to)]);
      }
    }
    // A body and its parent (gazetteer partOf) named in one sentence; "X de/of the Y" between two bodies.
    const bodies = ms.filter((m) => ['Organization', 'GovernmentBody', 'Company'].includes(m.kind));
    for (const child of bodies) {
      const parent = set.entities.get(child.entity)?.entry?.partOf;
      if (typeof parent === 'string') {
        const pm = bodies.find((m) => set.entities.get(m.entity)?.entry?.name === parent);
        if (pm) emit('PART_OF', child, pm, s, 0.6, 'gazetteer-part-of', child.from, [Math.min(child.from, pm.from), Math.max(child.to, pm.to)]);
      }
      const next = bodies.find((m) => m.from >= child.to && m.from - child.to <= 3);
      if (next && /^\s*(de la|de l['’]|du|des|de|of the|of)\s*$/iu.test(text.slice(child.end, next.start))) {
        emit('PART_OF', child, next, s, 0.55, 'body-of-body', child.from, [child.from, next.to]);
      }
    }
    // A tool named for the abuse it serves ("un système de surveillance de masse", "mass surveillance
    // tools") enables that abuse of the report: the abuse's name of two words or more, inside the tool's.
    for (const tech of ms.filter((m) => m.kind === 'Technology')) {
      const surface = ` ${foldText(text.slice(tech.start, tech.end))} `;
      for (const a of abusesByName) if (surface.includes(` ${a.folded} `)) emit('ENABLES', tech, a.key, s, 0.5, 'tool-of-abuse', tech.from, [tech.from, tech.to]);
    }
    // An abuse and a place in one sentence: a place where things happen ("in Bahrain", "à Gaza", "Zimbabwe's
    // use of …"), not a seat ("Toronto-based"), an agent ("par Israël") or a nationality ("U.S. firm").
    const scene = (l: Mention) => {
      const after = text.slice(l.end, l.end + 8);
      if (/^-\s*(?:based|basée?s?|headquartered)/iu.test(after)) return false;
      if (wordBefore(l.from) === 'by' || wordBefore(l.from) === 'par') return false;
      const next = tokens[l.to]?.norm ?? '';
      return !BUSINESS_NOUNS.test(next) && !ms.some((m) => m.from === l.to && (m.kind === 'Company' || m.kind === 'Organization'));
    };
    for (const a of ms.filter((m) => m.kind === 'Abuse')) {
      for (const l of ms.filter((m) => m.kind === 'Location' && scene(m))) {
        const d = Math.abs(l.from - a.from);
        if (d <= 25) emit('OCCURRED_IN', a, l, s, 0.6 - d * 0.01, 'abuse-place', Math.min(a.from, l.from), [Math.min(a.from, l.from), Math.max(a.to, l.to)]);
      }
    }
    // "victims in North America, Europe and the Middle East", "des victimes dans les Territoires palestiniens,
    // en Israël et au Liban": where the abuse the report told last struck.
    const [fromTok, toTok] = [firstIndexWhere(tokens, (t) => t.start >= sents[s]!.start), firstIndexWhere(tokens, (t) => t.start >= sents[s]!.end)];
    for (let v = fromTok; v < toTok; v++) {
      // "des cibles à bombarder à Gaza" names an abuse of its own, placed by the rule above.
      if (!VICTIM_NOUNS.has(tokens[v]!.norm) || ms.some((m) => m.from <= v && v < m.to)) continue;
      const abuse = [...set.mentions].reverse().find((m) => m.kind === 'Abuse' && m.from < v);
      const first = ms.find((m) => m.kind === 'Location' && m.from > v && m.from - v <= 12 && /^(in|en|au|aux|a|dans|across|throughout)$/.test(wordBefore(m.from)));
      if (!abuse || !first || /[.;:!?]/.test(text.slice(tokens[v]!.end, first.start))) continue;
      const places = [first];
      for (const m of ms.filter((x) => x.kind === 'Location' && x.from > first.from)) {
        if (!/^\s*(?:,\s*)?(?:(?:and|et|or|ou)\s+)?(?:(?:in|en|au|aux|à|a|dans|the|les|la|le)\s+|l['’]\s*)*$/iu.test(text.slice(places.at(-1)!.end, m.start))) break;
        places.push(m);
      }
      for (const l of places) emit('OCCURRED_IN', abuse.entity, l, s, 0.45, 'victims-in-places', v, [v, l.to]);
    }
    // Actor "(à Genève)" / "(in Geneva)".
    for (const l of ms.filter((m) => m.kind === 'Location')) {
      const pre = text.slice(Math.max(0, l.start - 6), l.start);
      if (!/\((à|a|in|en)\s*$/u.test(pre)) continue;
      const actor = ms.filter((m) => m.to <= l.from && fits(m.kind, ACTORS)).at(-1);
      if (actor && l.from - actor.to <= 10) emit('BASED_IN', actor, l, s, 0.65, 'based-in-bracket', actor.from, [actor.from, l.to]);
    }
    // Contracts: a contract word with a company and another party in the sentence.
    for (const c of contracts.get(s) ?? []) {
      const inSentence = ms.filter((m) => m.kind === 'Company');
      const company = inSentence.sort((a, b) => Math.abs(a.from - c.from) - Math.abs(b.from - c.from))[0]
        ?? (/\b(ses|son|its|sa)\b/iu.test(text.slice(Math.max(sents[s]!.start, tokens[c.from]!.start - 12), tokens[c.from]!.start)) ? lastCompanyBefore(tokens[c.from]!.start) : undefined);
      const other = ms.filter((m) => ['GovernmentBody', 'Organization'].includes(m.kind) && Math.abs(m.from - c.from) <= 15 && !isSource(m)).sort((a, b) => Math.abs(a.from - c.from) - Math.abs(b.from - c.from))[0];
      if (!company || !other) continue;
      const cEnt = set.entities.get(company.entity)!;
      const oEnt = set.entities.get(other.entity)!;
      const key = `contract:${[cEnt.key, oEnt.key].sort().join('|')}`;
      let contract = set.entities.get(key);
      if (!contract) {
        const phrase = text.slice(tokens[c.from]!.start, tokens[c.to - 1]!.end);
        contract = { key, kind: 'Contract', name: `${phrase} ${cEnt.name} – ${oEnt.name}`, aliases: new Set([phrase]), fields: {}, firstSeen: c.from };
        set.entities.set(key, contract);
        extraEntities.push(contract);
      }
      contractSites.push({ key, sentence: s, at: c.from });
      const span: [number, number] = [Math.min(c.from, other.from, company.from), Math.max(c.to, other.to, company.to)];
      emit('PARTY_TO', company, key, s, 0.6, 'contract-parties', c.from, span);
      emit('PARTY_TO', other, key, s, 0.6, 'contract-parties', c.from, span);
      // Companies coordinated with the party: "to Google and Amazon Web Services".
      for (const dir of [-1, 1] as const) {
        let head = company;
        for (;;) {
          const next = inSentence.filter((m) => (dir === 1 ? m.from >= head.to : m.to <= head.from)).sort((a, b) => dir * (a.from - b.from))[0];
          if (!next || !COORD.test(dir === 1 ? text.slice(head.end, next.start) : text.slice(next.end, head.start)) || text.slice(Math.min(head.end, next.end), Math.max(head.start, next.start)).length > 40) break;
          emit('PARTY_TO', next, key, s, 0.55, 'contract-parties', c.from, [Math.min(span[0], next.from), Math.max(span[1], next.to)]);
          head = next;
        }
      }
    }
  }
  // The claims the trigger rules bound, by sentence (their quote starts in it).
  const boundBy = new Map<number, DraftClaim[]>();
  for (const c of out) {
    const s = sentStartsIndex(c.start);
    boundBy.set(s, [...(boundBy.get(s) ?? []), c]);
  }
  const boundIn = (s: number) => boundBy.get(s) ?? [];
  // Hops of an exposure told without a verb the trigger rules bind: one sentence holding both ends and a
  // cue for the relation ("The spy gear in Bahrain was sold by Siemens", "Computers loaded with surveillance
  // software generated the transcripts wielded in the interrogations").
  for (let s = 0; s < sents.length; s++) {
    // A country acts as its government when bare ("Mongolia bought"); as a buyer also after "to", "in" ("the
    // spy gear in Bahrain was sold by …").
    const all = bySentence.get(s) ?? [];
    const bare = (m: Mention) => !m.stateOf || !STATE_NOT_SUBJECT.has(wordBefore(m.from));
    const buyer = (m: Mention) => bare(m) || (STATE_BUYER_AFTER.has(wordBefore(m.from)) && !BASED_WORDS.test(tokens[m.from - 2]?.norm ?? ''));
    const ms = all.filter(buyer);
    if (ms.length < 2) continue;
    const cues = new Set((triggers.get(s) ?? []).filter((t) => !ms.some((m) => m.from <= t.from && t.to <= m.to)).map((t) => t.payload));
    const supplyCue = cues.has('SUPPLIES') || cues.has('PROVIDES') || cues.has('PARTY_TO');
    const pairs = (a: EntityKind, b: EntityKind) => ms.filter((m) => m.kind === a).flatMap((x) => ms.filter((m) => m.kind === b && m.entity !== x.entity && Math.abs(m.from - x.from) <= 40).map((y) => [x, y] as const));
    // Syntax first: where a verb already bound this relation for one of the ends, co-occurrence adds nothing.
    const bound = boundIn(s);
    const co = (type: ClaimType, x: Mention, y: Mention, confidence: number) =>
      !bound.some((c) => c.type === type && (c.object === y.entity || (!MANY_OBJECTS.has(type) && c.subject === x.entity))) &&
      emit(type, x, y, s, confidence, `cooccurrence:${type}`, Math.min(x.from, y.from), [Math.min(x.from, y.from), Math.max(x.to, y.to)]);
    // A platform people use (a messaging app, a social network) named beside an abuse is where it struck or
    // who reported it, not its tool: "WhatsApp said it blocked a spying operation".
    for (const [t, a] of pairs('Technology', 'Abuse')) if (!set.entities.get(t.entity)?.fields.platform) co('ENABLES', t, a, 0.4);
    for (const [g, a] of pairs('GovernmentBody', 'Abuse')) if (bare(g) && (g.from < a.from || cues.has('RESPONSIBLE_FOR'))) co('RESPONSIBLE_FOR', g, a, 0.4);
    if (supplyCue) {
      // Several companies in one sentence: the technology is the nearest one's ("A's dealings with B, a
      // company that developed T": B's).
      const nearestCompany = (y: Mention) => ms.filter((m) => m.kind === 'Company' && !isSource(m)).sort((a, b) => Math.abs(a.from - y.from) - Math.abs(b.from - y.from))[0];
      for (const [c, t] of pairs('Company', 'Technology')) if (!isSource(c) && nearestCompany(t)?.entity === c.entity) co('PROVIDES', c, t, 0.45);
      for (const [c, g] of pairs('Company', 'GovernmentBody')) if (!isSource(c)) co('SUPPLIES', c, g, 0.4);
    }
    if (supplyCue || cues.has('USES') || cues.has('ENABLES')) for (const [g, t] of pairs('GovernmentBody', 'Technology')) if (bare(g) || supplyCue) co('USES', g, t, 0.4);
    if (cues.has('DOCUMENTS')) for (const [o, a] of pairs('Organization', 'Abuse')) co('DOCUMENTS', o, a, 0.4);
    // Who speaks of an abuse documents it: "X of the Media Institute said the state monitors people", "selon
    // Amnesty International, …", "Mme X, représentante d'Amnesty International, a déclaré que …". Denials and
    // the officials of companies and states are no witnesses.
    for (const v of speech.get(s) ?? []) {
      if (DENIAL.test(tokens[v.to - 1]!.norm)) continue;
      const before = all.filter((m) => m.to <= v.from && v.from - m.to <= 2 && !/[.;:!?]/.test(text.slice(m.end, tokens[v.from]!.start))).at(-1);
      const after = all.find((m) => m.from >= v.to && m.from - v.to <= 1);
      const speakers = [before, after].filter((m): m is Mention => !!m && (m.kind === 'Organization' || (m.kind === 'Person' && !officials.has(m.entity))));
      // The person whose apposition names the organisation that speaks.
      for (const r of set.roles) if (speakers.some((x) => x.entity === r.org && x.sentence === r.sentence) && !officials.has(r.person)) speakers.push(...all.filter((m) => m.entity === r.person));
      for (const sp of speakers) for (const a of all.filter((m) => m.kind === 'Abuse')) co('DOCUMENTS', sp, a, 0.4);
    }
    // "the torture of practitioners by the Chinese government": the agent after the abuse.
    for (const [a, g] of pairs('Abuse', 'GovernmentBody')) if (g.from > a.to && g.from - a.to <= 10 && tokens.slice(a.to, g.from).some((x) => x.norm === 'by' || x.norm === 'par')) co('RESPONSIBLE_FOR', g, a, 0.45);
    // "accusing Cisco of aiding and abetting torture", "sanctioned for contributing to the detention of …".
    if ((complicity.get(s) ?? []).length) for (const [c, a] of pairs('Company', 'Abuse')) if (!isSource(c)) co('RESPONSIBLE_FOR', c, a, 0.4);
    personRoles(s, all);
  }
  // "the Chinese tech giant Huawei", "Blue Coat, a US company", "la société allemande Bosch": a company's
  // nationality is where it is based, when the document names that country.
  const countryPlace = new Map<string, string>();
  for (const e of set.entities.values()) if (e.kind === 'Location' && typeof e.fields.countryCode === 'string' && lex.countries.get(e.fields.countryCode)?.name === e.name) countryPlace.set(e.fields.countryCode, e.key);
  for (const m of companies) {
    for (const [from, to] of [[Math.max(0, m.from - 4), m.from], [m.to, Math.min(tokens.length, m.to + 5)]] as const) {
      for (let i = from; i < to; i++) {
        const code = lex.demonyms.get(tokens[i]!.norm);
        const place = code ? countryPlace.get(code) : undefined;
        if (!place || !/^[\s,]*(?:[\p{L}'’-]+[\s,]+){0,3}$/u.test(i < m.from ? text.slice(tokens[i]!.end, m.start) : text.slice(m.end, tokens[i]!.start))) continue;
        // After the name only as an apposition: "Huawei, the Chinese giant", never "Huawei sold Chinese cameras".
        if (i >= m.to && !/^\s*,/.test(text.slice(m.end, tokens[i]!.start))) continue;
        emit('BASED_IN', m, place, m.sentence, 0.55, 'nationality-of-company', m.from, [Math.min(i, m.from), Math.max(i + 1, m.to)]);
      }
    }
    // "Blue Coat Systems Inc. of Sunnyvale": a company "of" a place.
    const next = (bySentence.get(m.sentence) ?? []).find((x) => x.from >= m.to && x.kind === 'Location');
    if (next && /^\s*(?:of|de|d['’]|from|based in|basée? à|située? à)\s*$/iu.test(text.slice(m.end, next.start))) emit('BASED_IN', m, next, m.sentence, 0.55, 'company-of-place', m.from, [m.from, next.to]);
  }
  // "Toronto-based Citizen Lab", "Shenzhen, China-based ZTE", "the Tel Aviv-based firm NSO": the seat of the
  // actor named within a few words after it (and of the place before it, across a comma).
  for (const l of set.mentions) {
    if (l.kind !== 'Location' || !/^\s?[-–]\s?(?:based|headquartered)\b/iu.test(text.slice(l.end, l.end + 16))) continue;
    const ms = bySentence.get(l.sentence) ?? [];
    const actor = ms.find((m) => m.from >= l.to && m.from - l.to <= 6 && fits(m.kind, ACTORS) && !m.stateOf);
    if (!actor || /[,;:.()]/.test(text.slice(l.end + 8, actor.start))) continue;
    const places = [l];
    const before = ms.filter((m) => m.kind === 'Location' && m.to <= l.from).at(-1);
    if (before && /^\s*,\s*$/.test(text.slice(before.end, l.start))) places.push(before);
    for (const p of places) emit('BASED_IN', actor, p, l.sentence, 0.6, 'place-based', l.from, [p.from, actor.to]);
  }
  // "Bahrain's Telecommunications Regulatory Authority", "Israel's military intelligence": a body a country's
  // possessive names is part of that country's government.
  for (const m of set.mentions) {
    const body = set.entities.get(m.entity)!;
    if (body.kind !== 'GovernmentBody' || body.fields.govType === 'government') continue;
    const owner = (bySentence.get(m.sentence) ?? []).find((x) => x.to <= m.from && x.kind === 'Location' && /^['’]s\s+$/u.test(text.slice(x.end, m.start)));
    const code = owner ? set.entities.get(owner.entity)!.fields.countryCode : undefined;
    if (typeof code !== 'string' || lex.countries.get(code)?.name !== set.entities.get(owner!.entity)!.name) continue;
    const gov = governmentOf(lex, code);
    addGovernment(set, gov, owner!.from);
    body.fields.country ??= code;
    emit('PART_OF', m, gov.key, m.sentence, 0.6, 'possessive-of-state', owner!.from, [owner!.from, m.to]);
  }
  // A state's police, army or agency is part of its government, where the document names both.
  const govByCountry = new Map<string, string>();
  const claimed = new Set(out.flatMap((c) => [c.subject, c.object]));
  for (const e of set.entities.values()) {
    const code = e.fields.country;
    if (e.kind === 'GovernmentBody' && e.fields.govType === 'government' && typeof code === 'string' && governmentOf(lex, code).key === e.key && claimed.has(e.key)) govByCountry.set(code, e.key);
  }
  for (const m of set.mentions) {
    const e = set.entities.get(m.entity)!;
    const gov = e.kind === 'GovernmentBody' && typeof e.fields.country === 'string' ? govByCountry.get(e.fields.country) : undefined;
    if (!gov || gov === e.key || e.entry) continue;
    emit('PART_OF', m, gov, m.sentence, 0.45, 'state-body-of-country', m.from, [m.from, m.to]);
  }
  // "X was charged", "X, who was detained": an arrest, a trial or torture told of a person without its agent
  // is the doing of the state the report is about, the one whose bodies it names most (twice at least).
  const agentless = [...set.entities.values()].filter((e) => e.kind === 'Abuse' && e.key.includes(':person:') && !out.some((c) => c.type === 'RESPONSIBLE_FOR' && c.object === e.key));
  if (agentless.length) {
    const byCountry = new Map<string, number>();
    for (const ms of bySentence.values()) for (const m of ms) {
      const code = m.stateOf ?? (m.kind === 'GovernmentBody' ? set.entities.get(m.entity)?.fields.country : undefined);
      if (typeof code === 'string') byCountry.set(code, (byCountry.get(code) ?? 0) + 1);
    }
    const [code, count] = [...byCountry].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const gov = code && count >= 2 ? governmentOf(lex, code) : undefined;
    if (gov && set.entities.has(gov.key)) {
      for (const a of agentless) {
        const m = set.mentions.find((x) => x.entity === a.key);
        if (m) emit('RESPONSIBLE_FOR', gov.key, a.key, m.sentence, 0.3, 'state-agent-of-person-abuse', m.from, [m.from, m.to]);
      }
    }
  }
  // Role appositions.
  for (const r of set.roles) {
    const s = sents.findIndex((x) => x.start <= r.start && r.start < x.end);
    if (s >= 0) out.push({ type: 'ROLE_IN', subject: r.person, object: r.org, certainty: 'stated', start: sents[s]!.start, end: sents[s]!.end, confidence: 0.75, rule: 'role-apposition', anchor: r.start, parts: [r.start, r.end] });
  }
  // Chains within a sentence: X uses T and C provides T → C supplies X; X uses T for abuse A → X responsible for A.
  const bySentenceClaims = new Map<string, DraftClaim[]>();
  for (const c of out) bySentenceClaims.set(`${c.start}`, [...(bySentenceClaims.get(`${c.start}`) ?? []), c]);
  for (const cs of bySentenceClaims.values()) {
    for (const u of cs.filter((c) => c.type === 'USES')) {
      for (const p of cs.filter((c) => c.type === 'PROVIDES' && c.object === u.object)) {
        if (kindOf(p.subject) === 'Company' && p.subject !== u.subject) out.push({ ...u, type: 'SUPPLIES', subject: p.subject, object: u.subject, confidence: Math.min(u.confidence, p.confidence) * 0.9, rule: 'uses+provides' });
      }
      for (const e of cs.filter((c) => c.type === 'ENABLES' && c.subject === u.object)) {
        out.push({ ...u, type: 'RESPONSIBLE_FOR', subject: u.subject, object: e.object, confidence: Math.min(u.confidence, e.confidence) * 0.9, rule: 'uses+enables' });
      }
    }
  }
  // A supplier does not use its own product: USES(C, T) falls when the document says C provides T.
  const provides = new Set(out.filter((c) => c.type === 'PROVIDES').map((c) => `${c.subject}|${c.object}`));
  // A body does not partner with its own parent organisation: that is PART_OF.
  const parentOf = (key: string) => set.entities.get(key)?.entry?.partOf;
  const nameOf = (key: string) => set.entities.get(key)?.entry?.name;
  const kept = out.filter(
    (c) =>
      !(c.type === 'USES' && provides.has(`${c.subject}|${c.object}`)) &&
      !(c.type === 'PARTNERS_WITH' && (parentOf(c.subject) === nameOf(c.object) || parentOf(c.object) === nameOf(c.subject)) && nameOf(c.object) !== undefined),
  );
  return { claims: dedupe(kept), extraEntities, contractSites };
}

/** The document's entity for a country's government (governmentOf), made the first time it is needed. */
function addGovernment(set: MentionSet, gov: ReturnType<typeof governmentOf>, firstSeen: number): void {
  if (set.entities.has(gov.key)) return;
  set.entities.set(gov.key, { key: gov.key, kind: 'GovernmentBody', name: gov.name, aliases: new Set(gov.aliases), fields: gov.fields, firstSeen, ...(gov.entry ? { entry: gov.entry } : {}), ...(gov.entry?.wikidata ? { wikidataId: gov.entry.wikidata } : {}) });
}

/** Where a sentence names a country: a mention of its government, which only claims make visible. */
const BUSINESS_NOUNS = /^(company|companies|firm|firms|giant|giants|maker|makers|manufacturer|manufacturers|chipmaker|startup|start|group|provider|providers|vendor|vendors|operator|contractor|contractors|supplier|suppliers|corporation|conglomerate|multinational|brand|entreprise|entreprises|societe|societes|groupe|geant|fabricant|fabricants|fournisseur|fournisseurs|operateur|multinationale)$/;

function countryGovernments(text: string, tokens: readonly Token[], set: MentionSet, lex: Lexicon): Mention[] {
  const out: Mention[] = [];
  for (const m of set.mentions) {
    if (m.kind !== 'Location') continue;
    const place = set.entities.get(m.entity)!;
    const code = place.fields.countryCode;
    const country = typeof code === 'string' ? lex.countries.get(code) : undefined;
    if (!country || country.name !== place.name) continue;
    // "U.S. chip manufacturer Xilinx", "the Israeli firm": a nationality before a business noun, not a state.
    if ([tokens[m.to], tokens[m.to + 1]].some((t) => t && BUSINESS_NOUNS.test(t.norm))) continue;
    // "China-based ZTE": a seat, not a state.
    if (tokens[m.to]?.norm === 'based' && /^\s?[-–]\s?$/u.test(text.slice(tokens[m.to - 1]!.end, tokens[m.to]!.start))) continue;
    const g = governmentOf(lex, code as string);
    addGovernment(set, g, m.from);
    out.push({ ...m, entity: g.key, kind: 'GovernmentBody', stateOf: code as string });
  }
  void tokens;
  return out;
}

function dedupe(claims: DraftClaim[]): DraftClaim[] {
  const best = new Map<string, DraftClaim>();
  for (const c of claims) {
    const k = `${c.type}|${c.subject}|${c.object}|${c.certainty}|${c.start}`;
    const prev = best.get(k);
    if (!prev || prev.confidence < c.confidence) best.set(k, c);
  }
  return [...best.values()];
}

export type { PhraseHit };
