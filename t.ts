import { readFileSync } from 'node:fs';
import { extract } from '/work/main/src/extract/extract.ts';
const id = process.argv[2] ?? '002';
const text = readFileSync(`/work/shared/corpus/dev/${id}.txt`, 'utf8');
const r = extract(text, {language:'fr'});
for (const e of r.entities) console.log(e.id, e.kind, e.name, '|', e.aliases.slice(0,3).join('; '));
for (const c of r.claims) console.log(c.type, r.entities.find(e=>e.id===c.subject)?.name, '->', r.entities.find(e=>e.id===c.object)?.name, c.certainty, c.rule);
