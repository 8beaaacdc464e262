// The store commands of the real CLI, run as child processes (node bin/rightsgraph.js …) on temp folders:
// init, stats, export, import with its bad-input cases, and the one-line errors for a folder that is not a
// store and a full disk.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { claim, claims, documents, entities } from '../store/fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'rg-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = runCli;

const lines = [
  ...documents.map((d) => JSON.stringify({ type: 'document', data: d })),
  ...entities.map((e) => JSON.stringify({ type: 'entity', data: e })),
  ...claims.map((c) => JSON.stringify({ type: 'claim', data: c })),
];
const goodFile = join(root, 'good.jsonl');
writeFileSync(goodFile, `${lines.join('\n')}\n`);

const stats = (dir: string) => JSON.parse(cli(dir, ['stats']).out) as { claims: number; entities: number; documents: number };

describe('rightsgraph store commands', () => {
  it('has --help on each command', () => {
    for (const c of ['init', 'stats', 'export', 'import']) {
      const r = cli(join(root, 'help'), [c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: rightsgraph ${c}`));
    }
  });

  it('init creates the store and says where and which schema version', () => {
    const dir = join(root, 'init');
    const r = cli(dir, ['init']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`store: ${dir} (kuzu, schema version 1); 0 entities, 0 claims, 0 documents\n`);
  });

  it('imports, exports and re-imports idempotently; export → import round-trips', () => {
    const dir = join(root, 'rt');
    const r = cli(dir, ['import', goodFile]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/imported 3 documents, 21 entities, 0 redirects, 24 claims, 0 changes/);
    expect(stats(dir)).toMatchObject({ documents: 3, entities: entities.length, claims: claims.length });
    const exported = cli(dir, ['export']).out;
    expect(exported.trim().split('\n').length).toBe(lines.length);
    expect(cli(dir, ['import', goodFile]).code).toBe(0);
    expect(cli(dir, ['export']).out).toBe(exported);
    const out = join(root, 'rt.jsonl');
    expect(cli(dir, ['export', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exported);
    const dir2 = join(root, 'rt2');
    expect(cli(dir2, ['import', '-'], exported).code).toBe(0);
    expect(cli(dir2, ['export']).out).toBe(exported);
    // Gzipped JSON lines read as they are; a missing file is one line.
    const gz = join(root, 'rt.jsonl.gz');
    writeFileSync(gz, gzipSync(exported));
    const dir3 = join(root, 'rt3');
    expect(cli(dir3, ['import', gz]).code).toBe(0);
    expect(cli(dir3, ['export']).out).toBe(exported);
    // Claims before their ends and documents, in batches smaller than the file: the bulk path reads the file
    // by record type, to the same graph.
    const reversed = join(root, 'reversed.jsonl');
    writeFileSync(reversed, `${exported.trim().split('\n').reverse().join('\n')}\n`);
    const dir4 = join(root, 'rt4');
    expect(cli(dir4, ['import', '--batch', '5', reversed]).code).toBe(0);
    expect(cli(dir4, ['export']).out).toBe(exported);
    const missing = cli(dir3, ['import', join(root, 'nothing-here.jsonl')]);
    expect(missing.code).not.toBe(0);
    expect(missing.err.trim()).toBe(`rightsgraph: no such file: ${join(root, 'nothing-here.jsonl')}`);
  }, 240_000);

  it('folds an entity named twice in one file (bulk path into an empty store falls back to upserts)', () => {
    const dir = join(root, 'twice');
    const twice = join(root, 'twice.jsonl');
    const e = (aliases: string[]) => JSON.stringify({ type: 'entity', data: { id: 'co_t', kind: 'Company', name: 'Twice Ltd', aliases } });
    writeFileSync(twice, [e(['Twice']), e(['Twice Limited'])].join('\n'));
    expect(cli(dir, ['import', twice]).code).toBe(0);
    const out = cli(dir, ['export']).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toEqual([{ type: 'entity', data: expect.objectContaining({ id: 'co_t', aliases: ['Twice', 'Twice Limited'] }) }]);
  });

  const badFile = join(root, 'bad.jsonl');
  writeFileSync(
    badFile,
    [
      lines[0],
      lines[1],
      '{"type": "entity", "data": {"id": "x"', // 3: not JSON
      JSON.stringify({ type: 'entity', data: { id: 'co_x', kind: 'Company' } }), // 4: no name
      ...lines.slice(2),
      JSON.stringify({ type: 'claim', data: claim('SUPPLIES', 'co_ms', 'gov_unknown') }), // unknown object
      JSON.stringify({ type: 'claim', data: claim('ENABLES', 'co_ms', 'abuse_surv') }), // wrong kinds
    ].join('\n'),
  );
  const total = lines.length + 4;

  it('refuses the whole import by default when a line is bad, listing each by number', () => {
    const dir = join(root, 'bad');
    cli(dir, ['init']);
    const r = cli(dir, ['import', badFile]);
    expect(r.code).toBe(1);
    const errLines = r.err.trim().split('\n');
    expect(errLines).toEqual([
      expect.stringMatching(/bad\.jsonl:3: not JSON/),
      expect.stringMatching(/bad\.jsonl:4: data\.name: /),
      expect.stringMatching(new RegExp(`bad\\.jsonl:${total - 1}: claim .*unknown object gov_unknown`)),
      expect.stringMatching(new RegExp(`bad\\.jsonl:${total}: claim .*Company ENABLES Abuse does not fit`)),
      `rightsgraph: import refused: 4 bad line(s) of ${total}; nothing written (use --skip-invalid to import the valid lines)`,
    ]);
    expect(stats(dir)).toMatchObject({ documents: 0, entities: 0, claims: 0 });
  });

  it('imports the good lines with --skip-invalid, and still exits non-zero', () => {
    const dir = join(root, 'skip');
    const r = cli(dir, ['import', '--skip-invalid', badFile]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/imported 3 documents, 21 entities, 0 redirects, 24 claims, 0 changes; skipped 4 bad line\(s\)/);
    expect(stats(dir)).toMatchObject({ documents: 3, entities: entities.length, claims: claims.length });
  });

  it('says in one line that a folder is not a rightsgraph database', () => {
    const dir = join(root, 'notstore');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.docx'), 'not a database');
    for (const args of [['init'], ['stats'], ['import', goodFile]]) {
      const r = cli(dir, args);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`rightsgraph: ${dir} is not a rightsgraph data folder (it holds other files and no graph.kuzu)\n`);
    }
    writeFileSync(join(dir, 'graph.kuzu'), 'garbage '.repeat(1000));
    expect(cli(dir, ['stats']).err).toBe(`rightsgraph: ${join(dir, 'graph.kuzu')} is not a rightsgraph database\n`);
  });

  // A real small disk: a 24 MB tmpfs (needs root and mount; skipped, and said so, where it is not allowed).
  const mnt = join(root, 'tiny');
  let mounted = false;
  try {
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mnt], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
  });
  it.skipIf(!mounted)('says in one line that the disk is full (a 24 MB tmpfs, refused before Kùzu would abort)', () => {
    const dir = join(mnt, 'data');
    expect(cli(dir, ['init']).code).toBe(0);
    const big = join(root, 'big.jsonl');
    const pad = 'x'.repeat(3000);
    const many = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ type: 'entity', data: { id: `co_${i}`, kind: 'Company', name: `Company ${i}`, description: pad } }),
    );
    writeFileSync(big, many.join('\n'));
    const r = cli(dir, ['import', big]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n').filter((l) => !l.startsWith('import'))).toEqual([
      expect.stringMatching(/^rightsgraph: the disk holding .* is full: \d+ MB free, this write needs about \d+ MB; free some space and retry$/),
    ]);
  });
});
