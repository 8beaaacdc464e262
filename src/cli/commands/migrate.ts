// `rightsgraph migrate --from A --to B`: copies the whole graph between stores, where each of A and B is
// `neo4j` (the Neo4j of NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) or an embedded data folder.
// Streams with progress, then compares counts and id checksums of both sides; a mismatch exits 1.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.ts';
import { migrate } from '../../store/migrate.ts';
import { openStore } from '../../store/open.ts';
import type { GraphStore } from '../../store/port.ts';
import { Progress } from '../../util/progress.ts';
import { resolve } from 'node:path';

class UsageError extends Error {
  readonly userFacing = true;
}

/** The config for one side: Neo4j as configured, or an embedded folder (never Neo4j, whatever NEO4J_URI says). */
function sideConfig(base: Config, spec: string): Config {
  if (spec === 'neo4j') {
    if (!base.neo4j) throw new UsageError('migrate: `neo4j` needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) set');
    return base;
  }
  return { ...base, neo4j: null, dataDir: resolve(spec) };
}

export function register(program: Command): void {
  program
    .command('migrate')
    .description('copy the whole graph from one store to another (each `neo4j` or an embedded data folder), then compare both sides')
    .requiredOption('--from <store>', '`neo4j` or an embedded data folder')
    .requiredOption('--to <store>', '`neo4j` or an embedded data folder')
    .option('--batch <n>', 'records per write transaction', (v) => Number.parseInt(v, 10), 5_000)
    .option('--into-non-empty', 'merge into a store that already holds data (upserts are idempotent)')
    .action(async (opts: { from: string; to: string; batch: number; intoNonEmpty?: boolean }) => {
      const base = loadConfig();
      const fromCfg = sideConfig(base, opts.from);
      const toCfg = sideConfig(base, opts.to);
      if ((fromCfg.neo4j && toCfg.neo4j) || (!fromCfg.neo4j && !toCfg.neo4j && fromCfg.dataDir === toCfg.dataDir)) {
        throw new UsageError('migrate: --from and --to are the same store');
      }
      let from: GraphStore | null = null;
      let to: GraphStore | null = null;
      try {
        from = await openStore(fromCfg, { readOnly: true });
        to = await openStore(toCfg);
        const s = await from.stats();
        const progress = new Progress({ label: 'migrate', total: s.documents + s.entities + s.claims, unit: 'records' });
        const report = await migrate(from, to, { batchSize: opts.batch, intoNonEmpty: !!opts.intoNonEmpty, onProgress: (n) => progress.tick(n) });
        progress.done();
        const line = (name: string, d: typeof report.source) =>
          `${name}: ${d.counts.document} documents, ${d.counts.entity} entities, ${d.counts.redirect} redirects, ${d.counts.claim} claims, ${d.counts.change} changes; ids ${Object.values(d.checksums).join('/')}`;
        process.stderr.write(`rightsgraph: ${line(`from ${opts.from}`, report.source)}\n`);
        process.stderr.write(`rightsgraph: ${line(`to   ${opts.to}`, report.target)}\n`);
        if (report.same) {
          process.stderr.write(`rightsgraph: migrated in ${report.seconds.toFixed(1)} s; both sides hold the same ids\n`);
        } else {
          process.stderr.write('rightsgraph: migrate: the two sides differ after the copy (see the lines above)\n');
          process.exitCode = 1;
        }
      } finally {
        await from?.close();
        await to?.close();
      }
    });
}
