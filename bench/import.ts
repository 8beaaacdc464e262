// `npm run bench:import [-- --entities N]`: writes an FtM file in OpenSanctions' shape (companies, people
// and organisations with names, aliases, countries and topics; ownerships and directorships for a third of
// them; sanctions, which have no kind here; default 1,000,000 entities), imports it with `rightsgraph import
// --format ftm` into an empty store in its own process, and prints entities/s and the process's peak RSS
// (VmHWM), next to the same graph imported from our own JSON lines in the same run as the reference; then
// the same for a file half the size, so the growth of memory with the file shows. Last, GLEIF relationship
// records (one for every tenth FtM entity, with Level 1 names, half of them named like a company the FtM
// import made) into the larger store, where every LEI is matched by name: relationships/s and peak RSS.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withCheckDigits } from '../src/gleif/lei.ts';

const { values } = parseArgs({ options: { entities: { type: 'string', default: '1000000' } } });
const N = Number(values.entities);
const BIN = resolve('bin/rightsgraph.js');
const dir = mkdtempSync(join(tmpdir(), 'rg-bench-import-'));

async function write(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const l of lines) {
    chunk += `${l}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

const SCHEMATA = ['Company', 'Company', 'Person', 'Organization'];
const COUNTRIES = ['ru', 'cn', 'ir', 'us', 'gb', 'il', 'ae', 'by'];

function* ftmLines(n: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    const schema = SCHEMATA[i % SCHEMATA.length]!;
    yield JSON.stringify({ id: `NK-${i.toString(36)}`, schema, properties: { name: [`${schema} Example ${i}`], alias: [`EX${i}`], country: [COUNTRIES[i % COUNTRIES.length]], topics: [i % 5 === 0 ? 'sanction' : 'role.rca'] }, datasets: ['bench_sanctions'] });
    if (i % 3 === 1 && schema === 'Company') yield JSON.stringify({ id: `own-${i}`, schema: 'Ownership', properties: { owner: [`NK-${(i - 1).toString(36)}`], asset: [`NK-${i.toString(36)}`], startDate: ['2020-01-01'] }, datasets: ['bench_sanctions'] });
    if (i % 3 === 2 && schema === 'Person') yield JSON.stringify({ id: `dir-${i}`, schema: 'Directorship', properties: { director: [`NK-${i.toString(36)}`], organization: [`NK-${(i - 2).toString(36)}`], role: ['director'] }, datasets: ['bench_sanctions'] });
    if (i % 5 === 0) yield JSON.stringify({ id: `san-${i}`, schema: 'Sanction', properties: { entity: [`NK-${i.toString(36)}`] }, datasets: ['bench_sanctions'] });
  }
}

/** Runs the CLI in its own process; wall time and peak RSS (VmHWM from /proc while it runs). */
function run(args: string[], data: string): Promise<{ seconds: number; peakMb: number; err: string }> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, RIGHTSGRAPH_DATA: data, NEO4J_URI: '', LOG_LEVEL: 'warn' } });
    let err = '';
    let peak = 0;
    child.stderr.on('data', (d) => (err += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // gone between the tick and the read
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) rej(new Error(`rightsgraph ${args.join(' ')} exited ${code}: ${err.slice(-500)}`));
      else res({ seconds: (performance.now() - t0) / 1000, peakMb: peak, err });
    });
  });
}

async function measure(n: number) {
  const ftm = join(dir, `os-${n}.ftm.json`);
  await write(ftm, ftmLines(n));
  const a = join(dir, `ftm-${n}`);
  const viaFtm = await run(['import', '--format', 'ftm', '--dataset', 'bench_sanctions', ftm], a);
  // The reference: the graph it made, exported as our JSON lines and imported into another empty store.
  const jsonl = join(dir, `ref-${n}.jsonl`);
  await run(['export', '--out', jsonl], a);
  const ref = await run(['import', jsonl], join(dir, `ref-${n}`));
  const mb = statSync(ftm).size / 1e6;
  return { n, mb, viaFtm, ref };
}

const lei = (i: number) => withCheckDigits(`98450B${i.toString(36).toUpperCase().padStart(12, '0')}`);

/** GLEIF CSVs in the golden copy's columns: child i directly consolidated by parent ⌊i/10⌋, and their Level 1 names. */
async function gleifFiles(n: number): Promise<{ rr: string; l1: string }> {
  const rr = join(dir, `rr-${n}.csv`);
  const l1 = join(dir, `lei-${n}.csv`);
  const head = 'Relationship.StartNode.NodeID,Relationship.StartNode.NodeIDType,Relationship.EndNode.NodeID,Relationship.EndNode.NodeIDType,Relationship.RelationshipType,Relationship.RelationshipStatus,Relationship.Period.1.startDate,Relationship.Period.1.endDate,Relationship.Period.1.periodType,Registration.InitialRegistrationDate,Registration.LastUpdateDate,Registration.RegistrationStatus';
  await write(rr, (function* () {
    yield head;
    for (let i = 1; i <= n; i++) yield `${lei(i)},LEI,${lei(Math.floor(i / 10))},LEI,IS_DIRECTLY_CONSOLIDATED_BY,ACTIVE,2019-01-01T00:00:00Z,,RELATIONSHIP_PERIOD,2019-02-01T00:00:00Z,2025-01-01T00:00:00Z,PUBLISHED`;
  })());
  await write(l1, (function* () {
    yield 'LEI,Entity.LegalName,Entity.LegalAddress.Country';
    // Even numbers are named like the FtM file's companies (matched by name), odd ones are new.
    for (let i = 0; i <= n; i++) yield `${lei(i)},${i % 2 === 0 && i % 4 < 2 ? `Company Example ${i * 4}` : `GLEIF Example ${i}`},${COUNTRIES[(i * 4) % COUNTRIES.length]!.toUpperCase()}`;
  })());
  return { rr, l1 };
}

try {
  const rows = [];
  for (const n of [Math.round(N / 2), N]) rows.push(await measure(n));
  console.log(`| FtM entities | file | import --format ftm | entities/s | peak RSS | our JSON lines (reference) | ratio |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    console.log(
      `| ${r.n.toLocaleString('en')} | ${r.mb.toFixed(0)} MB | ${r.viaFtm.seconds.toFixed(1)} s | ${Math.round(r.n / r.viaFtm.seconds).toLocaleString('en')} | ${r.viaFtm.peakMb.toFixed(0)} MB | ${r.ref.seconds.toFixed(1)} s, ${r.ref.peakMb.toFixed(0)} MB | ${(r.viaFtm.seconds / r.ref.seconds).toFixed(2)}× the time |`,
    );
  }
  const g = Math.round(N / 10);
  const { rr, l1 } = await gleifFiles(g);
  const gleif = await run(['import', '--format', 'gleif-rr', rr, '--lei-records', l1], join(dir, `ftm-${N}`));
  const summary = /rightsgraph: GLEIF: .*/.exec(gleif.err)?.[0] ?? '';
  console.log(`\n| GLEIF relationships into the ${N.toLocaleString('en')}-entity store | import --format gleif-rr | relationships/s | peak RSS |`);
  console.log(`|---|---|---|---|`);
  console.log(`| ${g.toLocaleString('en')} | ${gleif.seconds.toFixed(1)} s | ${Math.round(g / gleif.seconds).toLocaleString('en')} | ${gleif.peakMb.toFixed(0)} MB |`);
  console.log(summary);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
