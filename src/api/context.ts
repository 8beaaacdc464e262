// The per-request context: the store, the claims-per-entity loaders (entities, claims and documents are
// loadable nodes: schema/refs.ts) and who is asking (from the API key, if any).
import DataLoader from 'dataloader';
import type { ChangeRecord, Claim, ClaimFilter } from '../domain/index.ts';
import type { Role } from '../config.ts';
import type { GraphStore } from '../store/port.ts';
import { scopesOf, type AuthScopes } from './auth.ts';
import { claimsOfLoader, responsesLoader } from './loaders.ts';
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
  dossierDir: string | null;
}

export interface ApiContext extends ApiServices {
  caller: Caller | null;
  scopes: AuthScopes;
  /** Claims per entity for one filter and limit: the claims of a page of entities in one store call. */
  claimsOf(filter: ClaimFilter, limit: number): DataLoader<string, Claim[]>;
  /** The response records (right of reply) of claims, by claim id: one store call per request. */
  responses: DataLoader<string, ChangeRecord[]>;
}

export function createContext(services: ApiServices, caller: Caller | null, anonymousRead = true): ApiContext {
  const { store } = services;
  const claimLoaders = new Map<string, DataLoader<string, Claim[]>>();
  return {
    ...services,
    claimsOf(filter, limit) {
      const key = JSON.stringify([filter, limit]);
      let l = claimLoaders.get(key);
      if (!l) claimLoaders.set(key, (l = claimsOfLoader(store, filter, limit)));
      return l;
    },
    responses: responsesLoader(store),
    caller,
    scopes: scopesOf(caller, anonymousRead),
  };
}
