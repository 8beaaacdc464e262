// Entities (graph nodes other than documents): a common shape plus kind-specific fields, as one
// discriminated union on `kind`. Types are inferred from these schemas and declared nowhere else.
import { z } from 'zod';
import { AbuseCategory, ContractStatus, GovType, OrgType, PlaceType, TechType } from './vocabulary.ts';

/** 2024-02-29 exists, 2025-02-29 and 2025-13-45 do not: checked by a round trip through a UTC date. */
function isRealDate(s: string): boolean {
  const [y, m = 1, d = 1] = s.split('-').map(Number) as [number, number?, number?];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const IsoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDate, 'a date that exists (month 01–12, a day the month has)')
  .describe('A date, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.');
export type IsoDate = z.infer<typeof IsoDate>;

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as IL or FR');

export const ExternalIds = z
  .object({
    wikidata: z.string().regex(/^Q[1-9]\d*$/, 'a Wikidata QID such as Q2283').optional(),
    opensanctions: z.string().min(1).optional(),
    lei: z.string().regex(/^[A-Z0-9]{20}$/, 'a 20-character LEI').optional(),
  })
  .strict()
  .describe('Identifiers of the entity in other registries.');
export type ExternalIds = z.infer<typeof ExternalIds>;

/**
 * A registry's dated statement that an entity belongs to a risk topic: OpenSanctions' topics (`sanction`,
 * `crime`, `export.control`, `role.pep`, `debarment`, …), with the dataset that says it, when it first and
 * last said it, and for a sanction its programme and period. A fact with its source, never evidence of a
 * claim: the explorer and dossiers show it beside the entity's paths.
 */
export const EntityTopic = z
  .object({
    topic: z.string().regex(/^[a-z][a-z0-9._-]*$/, 'a topic such as sanction or export.control').max(60),
    dataset: z.string().min(1).max(200).describe('The dataset that lists it (us_ofac_sdn, opensanctions, …).'),
    since: IsoDate.optional().describe('From when: a sanction’s start date, else when the dataset first listed it.'),
    until: IsoDate.optional().describe('A sanction’s end date.'),
    seen: IsoDate.optional().describe('When the dataset last listed it.'),
    note: z.string().max(1000).optional().describe('A sanction’s programme and authority, in the dataset’s words.'),
    sourceUrl: z.string().url().max(2000).optional(),
  })
  .strict()
  .describe('A registry’s dated statement that the entity belongs to a risk topic (OpenSanctions’ sanction, crime, export.control, …): a fact with its source, not a claim.');
export type EntityTopic = z.infer<typeof EntityTopic>;

/**
 * One topic per topic, dataset and note: a later release of a dataset updates its dates (the earliest
 * `since` kept); other datasets' topics add up. Sorted, so the merge is the same in any order.
 */
export function mergeTopics(a: EntityTopic[] | undefined, b: EntityTopic[] | undefined): EntityTopic[] | undefined {
  if (!a?.length && !b?.length) return undefined;
  const key = (t: EntityTopic) => `${t.topic}\u001f${t.dataset}\u001f${t.note ?? ''}`;
  const out = new Map<string, EntityTopic>();
  for (const t of [...(a ?? []), ...(b ?? [])]) {
    const had = out.get(key(t));
    const since = had?.since && (!t.since || had.since < t.since) ? had.since : t.since;
    out.set(key(t), { ...had, ...t, ...(since ? { since } : {}) });
  }
  return [...out.values()].sort((x, y) => key(x).localeCompare(key(y)));
}

const common = {
  id: z.string().min(1).max(200).describe('Stable id, derived from kind and name or an external id (domain/ids.ts).'),
  name: z.string().trim().min(1).max(500).describe('Display name.'),
  aliases: z.array(z.string().trim().min(1).max(500)).max(500).default([]).describe('Other names, in every language seen.'),
  externalIds: ExternalIds.default({}),
  description: z.string().max(4000).optional(),
  topics: z.array(EntityTopic).max(500).optional().describe('Registry topics (sanction, crime, …), each dated with its dataset.'),
};

export const CompanyEntity = z.object({
  ...common,
  kind: z.literal('Company'),
  country: CountryCode.optional(),
  website: z.string().url().optional(),
});
export const GovernmentBodyEntity = z.object({
  ...common,
  kind: z.literal('GovernmentBody'),
  country: CountryCode.optional(),
  govType: GovType.optional(),
});
export const OrganizationEntity = z.object({
  ...common,
  kind: z.literal('Organization'),
  country: CountryCode.optional(),
  orgType: OrgType.optional(),
});
export const PersonEntity = z.object({ ...common, kind: z.literal('Person') });
export const TechnologyEntity = z.object({
  ...common,
  kind: z.literal('Technology'),
  techType: TechType.optional(),
  generic: z
    .boolean()
    .optional()
    .describe('A class of technology (cameras, cloud storage, facial recognition), not a named product: exposure paths join through it only on shared evidence.'),
});

/** For the path index: whether an entity is a class of technology (undefined for other kinds). */
export const genericOf = (e: { kind: string; generic?: boolean | undefined }): boolean | undefined => (e.kind === 'Technology' ? e.generic === true : undefined);
export const ContractEntity = z.object({
  ...common,
  kind: z.literal('Contract'),
  amount: z.number().nonnegative().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD').optional(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  status: ContractStatus.optional(),
});
export const AbuseEntity = z.object({
  ...common,
  kind: z.literal('Abuse'),
  category: AbuseCategory.optional(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
});
export const LocationEntity = z.object({ ...common, kind: z.literal('Location'), countryCode: CountryCode.optional(), placeType: PlaceType.optional() });

export const Entity = z.discriminatedUnion('kind', [
  CompanyEntity,
  GovernmentBodyEntity,
  OrganizationEntity,
  PersonEntity,
  TechnologyEntity,
  ContractEntity,
  AbuseEntity,
  LocationEntity,
]);
export type Entity = z.infer<typeof Entity>;
/** What callers write before defaults are applied (aliases and externalIds optional). */
export type EntityInput = z.input<typeof Entity>;

/** The kind-specific optional fields, all kinds together: what a store must be able to hold. */
export const KIND_FIELDS = [
  'country', 'website', 'govType', 'orgType', 'techType', 'amount', 'currency', 'startDate', 'endDate', 'status',
  'category', 'countryCode', 'placeType',
] as const;
export type KindField = (typeof KIND_FIELDS)[number];
