// Where the shared, read-only material lives (the ontology, the dev corpus and its scorer): next to the
// repository as `../shared`, or wherever RIGHTSGRAPH_SHARED says (a clone with no such sibling sets it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function sharedDir(): string {
  const candidates = [process.env.RIGHTSGRAPH_SHARED, path.resolve(repoRoot, '../shared')];
  for (const dir of candidates) if (dir && existsSync(path.join(dir, 'ONTOLOGY.md'))) return dir;
  throw new Error('shared material not found: set RIGHTSGRAPH_SHARED to the folder holding ONTOLOGY.md and corpus/');
}

export const devCorpusDir = (): string => path.join(sharedDir(), 'corpus', 'dev');
export { repoRoot };
