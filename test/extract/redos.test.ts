// Every regular expression literal in src/ is checked by recheck, a ReDoS analyser: none may backtrack
// catastrophically (exponential or polynomial), whatever the input. Literals are found with TypeScript's
// own parser, so a new pattern anywhere is checked without being listed here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function regexLiterals(file: string): Array<{ source: string; flags: string; where: string }> {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ source: string; flags: string; where: string }> = [];
  const visit = (n: ts.Node) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = n.getText(sf);
      const end = text.lastIndexOf('/');
      out.push({ source: text.slice(1, end), flags: text.slice(end + 1), where: `${file.slice(SRC.length + 1)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}` });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('regular expressions', () => {
  const all = files(SRC).flatMap(regexLiterals);
  it('are found', () => {
    expect(all.length).toBeGreaterThan(30);
  });
  it('none backtracks catastrophically (recheck)', () => {
    const vulnerable = all
      .map((r) => ({ ...r, result: checkSync(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 10_000 }) }))
      .filter((r) => r.result.status === 'vulnerable')
      .map((r) => `${r.where} /${r.source}/ (${r.result.status === 'vulnerable' ? r.result.complexity.type : ''})`);
    expect(vulnerable).toEqual([]);
  }, 300_000);
});
