import { extract } from '../../src/extract/extract.ts';
for (const text of process.argv.slice(3)) {
  const r = extract(text, { language: process.argv[2]! });
  const name = new Map(r.entities.map((e: any) => [e.id, `${e.name}<${e.kind}>`]));
  console.log('ents:', r.entities.map((e: any) => `${e.name}<${e.kind}>`).join(' | '));
  for (const c of r.claims as any[]) console.log(`  ${c.type} ${name.get(c.subject)} -> ${name.get(c.object)} [${c.rule}]`);
}
