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

const common = {
  id: z.string().min(1).max(200).describe('Stable id, derived from kind and name or an external id (domain/ids.ts).'),
  name: z.string().trim().min(1).max(500).describe('Display name.'),
  aliases: z.array(z.string().trim().min(1).max(500)).max(500).default([]).describe('Other names, in every language seen.'),
  externalIds: ExternalIds.default({}),
  description: z.string().max(4000).optional(),
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
