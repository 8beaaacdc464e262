// The source a sentence attributes its words to, in English and French; generic references name none.
import { describe, expect, it } from 'vitest';
import { attributionOf } from '../../src/extract/attribution.ts';
import { extract } from '../../src/extract/extract.ts';

describe('attribution', () => {
  it.each([
    ['According to Amnesty International, the firm sold spyware to the police.', 'Amnesty International'],
    ['The deal was signed in 2021, as reported by The Guardian and +972 Magazine.', 'The Guardian'],
    ['A report by Citizen Lab found the spyware on phones.', 'Citizen Lab'],
    ['Selon Human Rights Watch, l’entreprise a fourni des caméras.', 'Human Rights Watch'],
    ["D'après Le Monde, la société a vendu un logiciel.", 'Le Monde'],
    ['Une enquête de Forbidden Stories montre que le logiciel a été vendu.', 'Forbidden Stories'],
    ['Une étude du Citizen Lab documente les infections.', 'Citizen Lab'],
  ])('%s → %s', (sentence, source) => {
    expect(attributionOf(sentence)).toBe(source);
  });

  it.each([
    'The cameras were installed, according to the report.',
    'Selon elle, rien n’a été vendu.',
    'Hikvision supplies cameras to the bureau.',
    'According to documents seen by reporters, the contract was renewed.',
  ])('names no source in "%s"', (sentence) => {
    expect(attributionOf(sentence)).toBeUndefined();
  });

  it('sets the claim’s attributedTo from its own sentence only', () => {
    const r = extract('According to Rights Watchers, Vigilant Optics Ltd supplies surveillance cameras to the Xinjiang public security bureau. Hikvision supplies surveillance cameras to the Xinjiang public security bureau.', { language: 'en' });
    const bySubject = (name: string) => r.claims.filter((c) => r.entities.find((e) => e.id === c.subject)?.name === name);
    expect(bySubject('Vigilant Optics Ltd').length).toBeGreaterThan(0);
    for (const c of bySubject('Vigilant Optics Ltd')) expect(c.attributedTo).toBe('Rights Watchers');
    for (const c of bySubject('Hikvision')) expect(c.attributedTo).toBeUndefined();
  });
});
