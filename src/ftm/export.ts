// FollowTheMoney (FtM) out: the graph's export records as FtM entities ({id, schema, properties}, every value
// a list of strings), for Aleph, OpenSanctions' tools and anything else that reads FtM. Documents, entities
// and claims keep their ids. Each claim becomes an interval entity that keeps its evidence: proof → its
// Document, sourceUrl, publisher, recordId = the claim id, description = the quote (or the labelled
// paraphrase), its dates, and a summary with its type, certainty, confidence and review. Written against
// FtM 4's model (the Python `followthemoney` 4.x and npm `@opensanctions/followthemoney` 4.x; the older
// `@alephdata/followthemoney` 3.x has no `proof` on intervals).
//
// FtM has no kind for a technology: a Technology is an Asset whose keywords say "technology", its techType
// and, for a class (cameras, cloud storage), "generic". An Abuse is an Event, a Location an Address.
// Merges (redirects) and change records have no FtM form: they are counted and left out.
import { createHash } from 'node:crypto';
import type { Claim, Document, Entity, EntityKind, ExportRecord } from '../domain/index.ts';

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  /** What FtM 4 tools add to every entity (ftm validate writes them back): no merged ids, one dataset. */
  referents: string[];
  datasets: string[];
}

export const FTM_DATASET = 'rightsgraph';

/**
 * An FtM id: letters, digits, dots and dashes, not at the ends (FtM drops references to other ids). Ours
 * use underscores and no dots ("co_Q2283"), so a dot stands for each underscore and the id reads back; any
 * other id becomes a hash of itself.
 */
export function ftmId(id: string): string {
  if (/^[0-9A-Za-z][0-9A-Za-z_-]*[0-9A-Za-z]$/.test(id)) return id.replaceAll('_', '.');
  return `rg-${createHash('sha1').update(id).digest('hex')}`;
}

const SCHEMA_OF: Record<EntityKind, string> = {
  Company: 'Company',
  GovernmentBody: 'PublicBody',
  Organization: 'Organization',
  Person: 'Person',
  Technology: 'Asset',
  Contract: 'Contract',
  Abuse: 'Event',
  Location: 'Address',
};

// FtM's language type holds ISO 639-3 codes; the documents' are ISO 639-1 where one exists.
const LANGUAGE_3: Record<string, string> = {
  en: 'eng', fr: 'fra', de: 'deu', es: 'spa', it: 'ita', pt: 'por', nl: 'nld', ar: 'ara', he: 'heb', fa: 'fas',
  ru: 'rus', uk: 'ukr', zh: 'zho', ja: 'jpn', ko: 'kor', tr: 'tur', pl: 'pol', sv: 'swe', hu: 'hun', el: 'ell',
};

/** Roles of a person that FtM holds as a Directorship rather than an Employment. */
const DIRECTOR_ROLE = /\b(director|directeur|directrice|board|conseil|chair|chairman|chairwoman|président|presidente?|ceo|pdg|founder|fondat|administrat|owner|propriétaire)/iu;

type Props = Record<string, Array<string | number | undefined | null | false>>;

/** Drops empty values and properties; every value a string, each once. */
function clean(props: Props): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, vs] of Object.entries(props)) {
    const kept = [...new Set(vs.filter((v): v is string | number => v !== undefined && v !== null && v !== false && v !== '').map(String))];
    if (kept.length) out[k] = kept;
  }
  return out;
}

const lower = (c: string | undefined) => c?.toLowerCase();

export interface FtmCounts {
  documents: number;
  entities: number;
  claims: number;
  /** Records with no FtM form (redirects, change records). */
  skipped: number;
}

/**
 * Turns the export stream (documents, entities, redirects, claims, changes: the order exportAll gives) into
 * FtM entities. It keeps what claims need of the documents and entities before them: their URL and
 * publisher, their kind.
 */
export class FtmWriter {
  private readonly docs = new Map<string, Pick<Document, 'url' | 'publisher'>>();
  private readonly kinds = new Map<string, EntityKind>();
  private readonly redirects = new Map<string, string>();
  readonly counts: FtmCounts = { documents: 0, entities: 0, claims: 0, skipped: 0 };

  convert(rec: ExportRecord): FtmEntity | null {
    switch (rec.type) {
      case 'document':
        this.counts.documents++;
        this.docs.set(rec.data.id, { url: rec.data.url, publisher: rec.data.publisher });
        return documentEntity(rec.data);
      case 'entity':
        this.counts.entities++;
        this.kinds.set(rec.data.id, rec.data.kind);
        return entityOf(rec.data);
      case 'redirect':
        this.redirects.set(rec.data.id, rec.data.target);
        this.counts.skipped++;
        return null;
      case 'claim':
        this.counts.claims++;
        return this.claimEntity(rec.data);
      default:
        this.counts.skipped++;
        return null;
    }
  }

  private claimEntity(c: Claim): FtmEntity {
    const subject = this.redirects.get(c.subject) ?? c.subject;
    const object = this.redirects.get(c.object) ?? c.object;
    const sk = this.kinds.get(subject);
    const ok = this.kinds.get(object);
    const doc = this.docs.get(c.evidence.documentId);
    const ev = c.evidence;
    const words = ev.kind === 'quote' ? ev.quote : `${ev.kind === 'summary' ? 'Summary' : 'Paraphrase'}, not the source’s words, by ${ev.writtenBy ?? 'an editor'}: ${ev.quote}`;
    const common: Props = {
      proof: [ftmId(ev.documentId)],
      sourceUrl: [doc?.url],
      publisher: [doc?.publisher],
      recordId: [c.id],
      description: [words],
      summary: [claimSummary(c)],
      date: [c.date],
      startDate: [c.validFrom],
      endDate: [c.validTo],
      status: [c.review.status],
    };
    const link = (schema: string, ends: Props, role: string): FtmEntity => entityRecord(c.id, schema, { ...common, ...ends, role: [role] });
    const denied = c.certainty === 'denied' ? ' (denied)' : '';
    if (c.type === 'PART_OF' && sk === 'Company' && ok && ok !== 'Location') return link('Ownership', { owner: [ftmId(object)], asset: [ftmId(subject)] }, `subsidiary, unit or branch${denied}`);
    if (c.type === 'PART_OF' && sk && sk !== 'Location' && ok && ok !== 'Location') return link('Membership', { member: [ftmId(subject)], organization: [ftmId(object)] }, `unit or branch${denied}`);
    if (c.type === 'ROLE_IN' && sk === 'Person') {
      const role = `${c.qualifier ?? ''}${denied}`.trim();
      if (ok === 'Company' && DIRECTOR_ROLE.test(c.qualifier ?? '')) return link('Directorship', { director: [ftmId(subject)], organization: [ftmId(object)] }, role);
      if (ok === 'Company') return link('Employment', { employee: [ftmId(subject)], employer: [ftmId(object)] }, role);
      return link('Membership', { member: [ftmId(subject)], organization: [ftmId(object)] }, role);
    }
    if (c.type === 'PARTY_TO' && sk === 'Company' && ok === 'Contract') return link('ContractAward', { supplier: [ftmId(subject)], contract: [ftmId(object)] }, `party to${denied}`);
    // The rest keeps its direction in the role: subject <role> object.
    return link('UnknownLink', { subject: [ftmId(subject)], object: [ftmId(object)] }, `${c.type}${denied}`);
  }
}

/**
 * What FtM has no property for, in one line an investigator reads and `import --format ftm` reads back:
 * "USES; stated; confidence 0.90; quote at 120-141; review accepted; extractor rules:trigger" (and, where
 * they are set, the words' language and the source they are attributed to).
 */
export function claimSummary(c: Claim): string {
  const ev = c.evidence;
  const at = ev.start !== undefined && ev.end !== undefined ? ` at ${ev.start}-${ev.end}` : '';
  const lang = ev.language ? ` in ${ev.language}` : '';
  const source = ev.attributedTo ? `; attributed to ${ev.attributedTo}` : '';
  return `${c.type}${c.qualifier ? ` (${c.qualifier})` : ''}; ${c.certainty}; confidence ${c.confidence.toFixed(2)}; ${ev.kind}${at}${lang}${source}; review ${c.review.status}${c.review.by ? ` by ${c.review.by}` : ''}${c.review.at ? ` at ${c.review.at}` : ''}; extractor ${c.extractor}${c.review.note ? `; review note: ${c.review.note}` : ''}`;
}

export interface ClaimSummary {
  type: string;
  qualifier?: string;
  certainty: string;
  confidence: number;
  kind: string;
  start?: number;
  end?: number;
  language?: string;
  attributedTo?: string;
  review: { status: string; by?: string; at?: string; note?: string };
  extractor: string;
}

/** claimSummary read back; null for any other text (another dataset's summary). Parsed by markers, not one regex, so no input makes it backtrack. */
export function parseClaimSummary(text: string): ClaimSummary | null {
  let rest = text;
  const cut = (marker: string, last = false): string | undefined => {
    const i = last ? rest.lastIndexOf(marker) : rest.indexOf(marker);
    if (i < 0) return undefined;
    const after = rest.slice(i + marker.length);
    rest = rest.slice(0, i);
    return after;
  };
  const note = cut('; review note: ');
  const extractor = cut('; extractor ', true);
  const review = cut('; review ', true);
  if (!extractor || !review) return null;
  const marker = ['; stated; ', '; alleged; ', '; denied; '].map((m) => [m, rest.indexOf(m)] as const).filter(([, i]) => i >= 0).sort((a, b) => a[1] - b[1])[0];
  if (!marker) return null;
  const head = rest.slice(0, marker[1]);
  rest = rest.slice(marker[1] + marker[0].length);
  const type = /^[A-Z_]+/.exec(head)?.[0];
  if (!type || (head !== type && !(head.startsWith(`${type} (`) && head.endsWith(')')))) return null;
  const attributedTo = cut('; attributed to ');
  const conf = /^confidence ([0-9.]+); (quote|paraphrase|summary)(?: at (\d+)-(\d+))?(?: in ([a-z]{2,3}))?$/.exec(rest);
  const rev = /^([a-z]+)(?: by ([^;]+?))?(?: at (\S+))?$/.exec(review);
  if (!conf || !rev) return null;
  return {
    type,
    ...(head !== type ? { qualifier: head.slice(type.length + 2, -1) } : {}),
    certainty: marker[0].slice(2, -2),
    confidence: Number(conf[1]),
    kind: conf[2]!,
    ...(conf[3] ? { start: Number(conf[3]), end: Number(conf[4]) } : {}),
    ...(conf[5] ? { language: conf[5] } : {}),
    ...(attributedTo ? { attributedTo } : {}),
    review: { status: rev[1]!, ...(rev[2] ? { by: rev[2] } : {}), ...(rev[3] ? { at: rev[3] } : {}), ...(note ? { note } : {}) },
    extractor,
  };
}

function entityRecord(id: string, schema: string, props: Props): FtmEntity {
  return { id: ftmId(id), schema, properties: clean(props), referents: [], datasets: [FTM_DATASET] };
}

function documentEntity(d: Document): FtmEntity {
  return entityRecord(d.id, 'Document', {
      title: [d.title],
      name: [d.title],
      sourceUrl: [d.url],
      publisher: [d.publisher],
      publishedAt: [d.publishedAt],
      language: [d.language ? LANGUAGE_3[d.language] ?? (d.language.length === 3 ? d.language : undefined) : undefined],
      notes: [d.sha256 ? `sha256 ${d.sha256}` : undefined, d.fetchedAt ? `fetched ${d.fetchedAt}` : undefined],
      summary: d.authors.length ? [`by ${d.authors.join(', ')}`] : [],
  });
}

/** The note that carries one dated topic as JSON (`topic {"topic":"sanction","dataset":…}`). */
export const TOPIC_NOTE = 'topic ';

function entityOf(e: Entity): FtmEntity {
  const base: Props = {
    name: [e.name],
    alias: e.aliases,
    description: [e.description],
    wikidataId: [e.externalIds.wikidata],
    // FtM's topics are bare words; their datasets and dates ride in notes, read back by the import.
    topics: (e.topics ?? []).map((t) => t.topic),
    notes: (e.topics ?? []).map((t) => `${TOPIC_NOTE}${JSON.stringify(t)}`),
  };
  let props: Props;
  switch (e.kind) {
    case 'Company':
      props = { ...base, country: [lower(e.country)], website: [e.website], leiCode: [e.externalIds.lei] };
      break;
    case 'GovernmentBody':
      props = { ...base, country: [lower(e.country)], classification: [e.govType], leiCode: [e.externalIds.lei] };
      break;
    case 'Organization':
      props = { ...base, country: [lower(e.country)], classification: [e.orgType], leiCode: [e.externalIds.lei] };
      break;
    case 'Person':
      props = base;
      break;
    case 'Technology':
      props = { ...base, keywords: ['technology', e.techType, e.generic ? 'generic' : undefined] };
      break;
    case 'Contract':
      props = { ...base, title: [e.name], amount: [e.amount], currency: [e.currency], keywords: [e.status ? `status ${e.status}` : undefined], notes: [...(base.notes ?? []), e.startDate || e.endDate ? `from ${e.startDate ?? '?'} to ${e.endDate ?? '?'}` : undefined] };
      break;
    case 'Abuse':
      props = { ...base, startDate: [e.startDate], endDate: [e.endDate], keywords: ['abuse', e.category] };
      break;
    case 'Location':
      props = { ...base, full: [e.name], country: [lower(e.countryCode)], keywords: [e.placeType] };
      break;
  }
  return entityRecord(e.id, SCHEMA_OF[e.kind], props);
}
