// Opens the configured store for one CLI command and always closes it, so a failed command never leaves a
// lock or an unflushed WAL behind.
import { loadConfig } from '../config.ts';
import { openStore } from '../store/open.ts';
import type { GraphStore } from '../store/port.ts';

export async function withStore<T>(opts: { readOnly?: boolean }, fn: (store: GraphStore, dataDir: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config, opts);
  try {
    return await fn(store, config.dataDir);
  } finally {
    await store.close();
  }
}
