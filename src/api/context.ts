// The per-request context: the store, batched loaders (one store call per tick for all the entities,
// claims and documents a query touches) and who is asking (from the API key, if any).
import DataLoader from 'dataloader';
import type { Claim, ClaimFilter, Document, Entity } from '../domain/index.ts';
import type { Role } from '../config.ts';
import type { GraphStore } from '../store/port.ts';
import { scopesOf, type AuthScopes } from './auth.ts';
import type { Fetcher } from '../fetch/fetcher.ts';
import type { Jobs } from './jobs.ts';

export interface Caller {
  /** The name the API key was issued to; written into change records. */
  name: string;
  role: Role;
}

/** What the server holds for every request: the store, the job list, the fetcher for URL ingests. */
export interface ApiServices {
  store: GraphStore;
  jobs: Jobs;
  /** Null when the server was started without fetching (tests of reads only). */
  fetcher: Fetcher | null;
  archiveDir: string | null;
}

export interface ApiContext extends ApiServices {
  caller: Caller | null;
  scopes: AuthScopes;
  entities: DataLoader<string, Entity | null>;
  claims: DataLoader<string, Claim | null>;
  documents: DataLoader<string, Document | null>;
  /** Claims per entity for one filter and limit: the claims of a page of entities in one store call. */
  claimsOf(filter: ClaimFilter, limit: number): DataLoader<string, Claim[]>;
}

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const map = new Map((await load(ids)).map((x) => [x.id, x]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/**
 * Entities: getEntities answers a merged-away id with its kept entity, in the order asked, skipping unknown
 * ids; when all were found the answer lines up with the ids, otherwise each id is asked alone.
 */
function entityLoader(store: GraphStore) {
  return new DataLoader<string, Entity | null>(async (ids) => {
    const found = await store.getEntities(ids);
    if (found.length === ids.length) return found;
    return Promise.all(ids.map(async (id) => (await store.getEntities([id]))[0] ?? null));
  });
}

export function createContext(services: ApiServices, caller: Caller | null, anonymousRead = true): ApiContext {
  const { store } = services;
  const claimLoaders = new Map<string, DataLoader<string, Claim[]>>();
  return {
    ...services,
    claimsOf(filter, limit) {
      const key = JSON.stringify([filter, limit]);
      let l = claimLoaders.get(key);
      if (!l) {
        l = new DataLoader<string, Claim[]>(async (ids) => {
          const found = await store.claimsOfEntities(ids, filter, limit);
          return ids.map((id) => found.get(id) ?? []);
        });
        claimLoaders.set(key, l);
      }
      return l;
    },
    caller,
    scopes: scopesOf(caller, anonymousRead),
    entities: entityLoader(store),
    claims: byId((ids) => store.getClaims(ids)),
    documents: byId((ids) => store.getDocuments(ids)),
  };
}

/** Loads many ids and keeps those found (an edge's claims and documents, for instance). */
export async function loadFound<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const out: T[] = [];
  for (const x of await loader.loadMany(ids)) if (x && !(x instanceof Error)) out.push(x);
  return out;
}
