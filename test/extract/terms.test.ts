// Amounts, dates, durations and "the company": the normalised values a reader expects from French and
// English phrasings, the dates claims and contracts get from their sentence (and only from there), and
// the anaphora that carry a claim to the entity named before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/domain/extraction.ts';
import { findDates, findYears } from '../../src/extract/dates.ts';
import { extract } from '../../src/extract/extract.ts';
import { findMoney } from '../../src/extract/money.ts';
import { tokenize } from '../../src/extract/tokens.ts';

const money = (text: string, lang: string) => findMoney(text, tokenize(text), lang).map((m) => ({ text: text.slice(m.start, m.end), amount: m.amount, currency: m.currency }));
const dates = (text: string, lang: string, published: string | null = '2025-10-10') => findDates(text, tokenize(text), lang, published).map((d) => d.value);

describe('money', () => {
  const cases: Array<[string, string, string, number, string]> = [
    ['fr', 'un partenariat de cinq millions de dollars', 'cinq millions de dollars', 5e6, 'USD'],
    ['fr', 'un contrat de 1,2 milliard d’euros', '1,2 milliard d’euros', 1.2e9, 'EUR'],
    ['fr', 'pour 300 000 € par an', '300 000 €', 3e5, 'EUR'],
    ['fr', 'deux cent mille euros', 'deux cent mille euros', 2e5, 'EUR'],
    ['fr', 'vingt-cinq millions de shekels', 'vingt-cinq millions de shekels', 25e6, 'ILS'],
    ['fr', 'un marché de 1 500 000 dollars', '1 500 000 dollars', 1.5e6, 'USD'],
    ['fr', 'environ 133 millions $ par an', '133 millions $', 133e6, 'USD'],
    ['en', 'a $5 million grant', '$5 million', 5e6, 'USD'],
    ['en', 'a contract worth $1.2bn', '$1.2bn', 1.2e9, 'USD'],
    ['en', 'USD 5m over five years', 'USD 5m', 5e6, 'USD'],
    ['en', 'paid £300,000 to the firm', '£300,000', 3e5, 'GBP'],
    ['en', 'a 1.5 million US dollars deal', '1.5 million US dollars', 1.5e6, 'USD'],
    ['en', 'two hundred and fifty thousand dollars', 'two hundred and fifty thousand dollars', 25e4, 'USD'],
    ['en', 'US$ 45 million in licences', 'US$ 45 million', 45e6, 'USD'],
  ];
  for (const [lang, text, span, amount, currency] of cases) {
    it(`reads "${span}" (${lang})`, () => {
      expect(money(text, lang)).toEqual([{ text: span, amount, currency }]);
    });
  }
  it('takes numbers without a currency for what they are: not money', () => {
    expect(money('Unit 8200 has 5,000 soldiers and was founded in 1952', 'en')).toEqual([]);
    expect(money('cinq millions de personnes', 'fr')).toEqual([]);
  });
});

describe('dates', () => {
  it('takes a missing year from the document’s date, and keeps the precision the text gives', () => {
    expect(dates('Microsoft a désactivé le 25 septembre certains services.', 'fr')).toEqual(['2025-09-25']);
    expect(dates('En mars 2021, le contrat a été signé.', 'fr')).toEqual(['2021-03']);
    expect(dates('depuis 2021, l’unité utilise Azure', 'fr')).toEqual(['2021']);
    expect(dates('le 1er août 2025', 'fr')).toEqual(['2025-08-01']);
    expect(dates('On 25 September 2025, Microsoft disabled', 'en')).toEqual(['2025-09-25']);
    expect(dates('signed in March 2021', 'en')).toEqual(['2021-03']);
  });
  it('reads relative dates against the document’s date, and skips them without one', () => {
    expect(dates('le mois dernier', 'fr')).toEqual(['2025-09']);
    expect(dates('le mois dernier', 'fr', null)).toEqual([]);
    expect(dates('on September 25', 'en', null)).toEqual([]);
  });
  it('does not read numbers as years', () => {
    expect(dates('Unit 8200 has 2000 members and 1952 vehicles', 'en')).toEqual([]);
  });
  it('reads durations in years', () => {
    const years = (text: string, lang: string) => findYears(text, tokenize(text), lang, 0, text.length);
    expect(years('un partenariat de cinq ans', 'fr')).toBe(5);
    expect(years('a seven-year contract', 'en')).toBe(7);
    expect(years('for 3 years', 'en')).toBe(3);
    expect(years('a contract with 5 companies', 'en')).toBeUndefined();
  });
});

const named = (r: Extraction) => {
  const name = new Map(r.entities.map((e) => [e.id, e.name]));
  return r.claims.map((c) => `${name.get(c.subject)} ${c.type} ${name.get(c.object)}${c.date ? ` @${c.date}` : ''}`);
};

describe('an English document on contracts and a suspension', () => {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/extract/en-contracts.txt'), 'utf8');
  const r = extract(text, { publishedAt: '2025-10-01' });
  const contracts = r.entities.filter((e) => e.kind === 'Contract');

  it('gives contracts their amount, currency, start and end', () => {
    const nimbus = contracts.find((c) => c.name.includes('Government of Israel'));
    expect(nimbus?.fields).toMatchObject({ amount: 1.2e9, currency: 'USD', startDate: '2021-04', endDate: '2028-04' });
    const ohchr = contracts.find((c) => c.name.includes('High Commissioner'));
    expect(ohchr?.fields).toMatchObject({ amount: 5e6, currency: 'USD', startDate: '2017', endDate: '2022' });
  });

  it('binds every coordinated company to the contract', () => {
    const parties = named(r).filter((c) => c.includes('PARTY_TO contract Google'));
    expect(parties).toEqual(
      expect.arrayContaining([
        'Google PARTY_TO contract Google – Government of Israel @2021-04',
        'Amazon Web Services PARTY_TO contract Google – Government of Israel @2021-04',
        'Government of Israel PARTY_TO contract Google – Government of Israel @2021-04',
      ]),
    );
  });

  it('carries "the company" to the company named before, and dates the suspension, not the use', () => {
    const claims = named(r);
    expect(claims).toContain('Microsoft SUSPENDED Azure @2025-09-25');
    expect(claims).toContain('Unit 8200 USES Azure');
    expect(claims).toContain('Microsoft PARTNERS_WITH Office of the United Nations High Commissioner for Human Rights @2017');
  });
});

describe('anaphora', () => {
  it('"l’entreprise", "l’organisme" and "the firm" reach the last entity of their kind', () => {
    const fr = extract("Microsoft vend des services au ministère de la Défense. L'entreprise fournit Azure à l'armée israélienne.", { language: 'fr' });
    expect(named(fr)).toContain('Microsoft SUPPLIES Israel Defense Forces');
    const en = extract('Palantir Technologies opened an office in London. The firm supplies U.S. Immigration and Customs Enforcement.', { language: 'en' });
    expect(named(en)).toContain('Palantir Technologies SUPPLIES U.S. Immigration and Customs Enforcement');
  });
  it('leaves "la société civile" and a company named too long before alone', () => {
    const civil = extract("Microsoft a publié un rapport. La société civile dénonce la surveillance de masse des Palestiniens.", { language: 'fr' });
    expect(named(civil).some((c) => c.startsWith('Microsoft DOCUMENTS'))).toBe(false);
    const far = extract(`Microsoft was named. ${'Nothing else happened here. '.repeat(5)}The company supplies the Israeli army.`, { language: 'en' });
    expect(named(far).some((c) => c.startsWith('Microsoft SUPPLIES'))).toBe(false);
  });
  it('adds no alias to the entity it points at', () => {
    const r = extract("Microsoft est citée. L'entreprise fournit Azure à l'armée israélienne.", { language: 'fr' });
    const ms = r.entities.find((e) => e.name === 'Microsoft')!;
    expect(ms.aliases.map((a) => a.toLowerCase())).not.toContain("l'entreprise");
    expect(ms.mentions?.some((m) => m.text === "L'entreprise")).toBe(true);
  });
});

describe('ends of supply', () => {
  it('reaches the objects of an enumeration after "notamment" / "including"', () => {
    const fr = extract("Microsoft a désactivé des services de l'armée israélienne, notamment son accès au stockage cloud et à l'intelligence artificielle.", { language: 'fr' });
    const suspended = named(fr).filter((c) => c.startsWith('Microsoft SUSPENDED'));
    expect(suspended.length).toBeGreaterThanOrEqual(3);
    const en = extract('Microsoft disabled services for the Israeli military, including its use of cloud storage and artificial intelligence.', { language: 'en' });
    expect(named(en).filter((c) => c.startsWith('Microsoft SUSPENDED')).length).toBeGreaterThanOrEqual(3);
  });
  it('takes a call to stop for a call, not for a suspension', () => {
    for (const [text, language] of [
      ["Microsoft devrait suspendre ses contrats avec l'armée israélienne.", 'fr'],
      ['Microsoft should suspend its services to the Israeli army.', 'en'],
    ] as const) {
      expect(named(extract(text, { language })).some((c) => c.includes('SUSPENDED'))).toBe(false);
    }
    expect(named(extract("Microsoft a suspendu ses services à l'armée israélienne.", { language: 'fr' }))).toContain('Microsoft SUSPENDED Israel Defense Forces');
  });
});

describe('clause structure', () => {
  const en = (text: string) => named(extract(text, { language: 'en' }));
  const fr = (text: string) => named(extract(text, { language: 'fr' }));
  it('takes the head of an apposition as the subject', () => {
    const claims = en("Unit 8200, the Israeli military's elite intelligence unit, used Microsoft's Azure platform.");
    expect(claims).toContain('Unit 8200 USES Azure');
    expect(claims).not.toContain('Israel Defense Forces USES Azure');
  });
  it('gives an infinitive the clause’s subject, not the complement before it', () => {
    const claims = en('In 2021, Google and Amazon signed a contract with the Israeli government to provide cloud computing services.');
    expect(claims).toEqual(expect.arrayContaining(['Google PROVIDES cloud computing', 'Amazon PROVIDES cloud computing']));
    expect(claims.some((c) => c.startsWith('Government of Israel PROVIDES'))).toBe(false);
  });
  it('reads "the use of X by Y" as Y using X, and names no user without "by"', () => {
    expect(en('Human Rights Watch documented the use of facial recognition by the Israeli army in Hebron.')).toContain('Israel Defense Forces USES facial recognition');
    expect(en('Human Rights Watch documented the use of facial recognition in Hebron.').some((c) => c.includes('USES'))).toBe(false);
    expect(fr("Amnesty International a dénoncé l'utilisation de la reconnaissance faciale par l'armée israélienne.")).toContain('Israel Defense Forces USES reconnaissance faciale');
  });
  it('finds a person named after a person noun', () => {
    const r = extract('The government allegedly targeted the associates of the journalist Jamal Khashoggi.', { language: 'en' });
    expect(r.entities.find((e) => e.name === 'Jamal Khashoggi')?.kind).toBe('Person');
    const f = extract("La police a arrêté l'avocate Nasrin Sotoudeh.", { language: 'fr' });
    expect(f.entities.find((e) => e.name === 'Nasrin Sotoudeh')?.kind).toBe('Person');
  });
  it('binds a part to its whole only when they stand together', () => {
    expect(en('Microsoft disabled services to a unit within the Israel Ministry of Defense.').some((c) => c.startsWith('Microsoft PART_OF'))).toBe(false);
    expect(en('Unit 8200, part of the Israel Defense Forces, intercepts calls.')).toContain('Unit 8200 PART_OF Israel Defense Forces');
  });
});

describe('sources, purposes and products', () => {
  const en = (text: string) => named(extract(text, { language: 'en', publishedAt: '2025-10-01' }));
  it('never takes the sentence’s source for an object or a contract party', () => {
    const claims = en('Hikvision supplied surveillance cameras to police in Xinjiang, according to a report by Amnesty International.');
    expect(claims.some((c) => c.includes('Amnesty International') && !c.includes('DOCUMENTS'))).toBe(false);
    expect(claims).toContain('Hikvision PROVIDES surveillance cameras');
    const contract = extract('In 2022, ICE renewed a $95.9 million contract with Palantir Technologies, Business & Human Rights Resource Centre reported.', { language: 'en' });
    const parties = named(contract).filter((c) => c.includes('PARTY_TO'));
    expect(parties.some((c) => c.startsWith('Business & Human Rights Resource Centre'))).toBe(false);
    expect(parties.some((c) => c.startsWith('Palantir Technologies PARTY_TO'))).toBe(true);
  });
  it('makes a technology used for an abuse its enabler, and its user responsible', () => {
    const claims = en('The Ethiopian National Defense Force used drones in airstrikes in Tigray that killed civilians.');
    expect(claims).toEqual(expect.arrayContaining([
      'Ethiopian National Defense Force USES drones',
      expect.stringMatching(/^drones ENABLES airstrikes/),
      expect.stringMatching(/^Ethiopian National Defense Force RESPONSIBLE_FOR airstrikes/),
    ]));
  });
  it('reads "imposed by" as responsibility, and "Access Now" as no date', () => {
    const claims = en('Access Now documented internet shutdowns imposed by the Ministry of Communications in Myanmar.');
    expect(claims).toContain('Ministry of Communications RESPONSIBLE_FOR internet shutdowns');
    expect(claims).toContain('Access Now DOCUMENTS internet shutdowns');
  });
  it('does not take a plural role for a person’s role', () => {
    const claims = en('The phone of the opposition politician Ahmed Eltantawy was hacked, researchers at Citizen Lab found.');
    expect(claims.some((c) => c.includes('ROLE_IN'))).toBe(false);
  });
});

describe('nationality', () => {
  it('does not give another country’s ministry the name the gazetteer knows for France', () => {
    const r = extract("Le ministère de l'Intérieur égyptien a signé un contrat avec Nexa Technologies.", { language: 'fr' });
    const ministry = r.entities.find((e) => e.kind === 'GovernmentBody')!;
    expect(ministry.name).toBe("ministère de l'Intérieur égyptien");
    expect(ministry.fields).toMatchObject({ country: 'EG' });
    const fr = extract("Le ministère de l'Intérieur a interdit la manifestation à Paris.", { language: 'fr' });
    expect(fr.entities.find((e) => e.kind === 'GovernmentBody')?.name).toBe("Ministère de l'Intérieur (France)");
  });
  it('reads the use of a technology during an abuse as enabling it', () => {
    const claims = named(extract("Human Rights Watch a documenté l'utilisation de drones par l'armée éthiopienne lors de frappes aériennes au Tigré.", { language: 'fr' }));
    expect(claims).toEqual(expect.arrayContaining(['Ethiopian National Defense Force USES drones', expect.stringMatching(/^drones ENABLES frappes aériennes/)]));
  });
});

describe('reporting style', () => {
  const en = (text: string) => named(extract(text, { language: 'en' }));
  it('keeps the subject across a description set off by commas', () => {
    expect(en("Elbit Systems, Israel's largest arms manufacturer, has been a key supplier of drones to the Israeli army.")).toContain('Elbit Systems SUPPLIES Israel Defense Forces');
  });
  it('finds a role given with a possessive ("the company\'s president")', () => {
    expect(en('Microsoft answered the reports. "We take this seriously," said Brad Smith, the company\'s vice chair and president.')).toContain('Brad Smith ROLE_IN Microsoft');
  });
  it('reads storing data on a platform as using it, and a technology used in strikes as enabling them', () => {
    expect(en('Unit 8200 stored the recordings on Azure.')).toContain('Unit 8200 USES Azure');
    expect(en('Hermes drones have been used in strikes in Gaza that killed aid workers.').some((c) => /^drones ENABLES strikes/.test(c))).toBe(true);
  });
});

describe('names and sources in French', () => {
  const fr = (text: string) => named(extract(text, { language: 'fr' }));
  it('keeps "Selon A et B, …" as the source, not as actors of the clause', () => {
    const claims = fr("Selon Amnesty International et Forbidden Stories, les autorités marocaines ont utilisé le logiciel espion Pegasus.");
    expect(claims).toContain('Government of Morocco USES Pegasus');
    expect(claims.some((c) => c.startsWith('Amnesty International USES') || c.startsWith('Forbidden Stories USES'))).toBe(false);
  });
  it('takes a trigger word inside a name for part of the name, and "l\'ONG Al-Haq" for a title, not a reference back', () => {
    const claims = fr("Orange fournit des services à l'armée israélienne par l'intermédiaire de sa filiale Partner Communications, a dénoncé l'ONG Al-Haq.");
    expect(claims).toContain('Orange S.A. SUPPLIES Israel Defense Forces');
    expect(claims.some((c) => c.includes('PARTNERS_WITH'))).toBe(false);
  });
  it('continues a list through a title ("… et l\'ONG Access Now")', () => {
    const claims = fr("Le Haut-Commissariat a collaboré avec l'Union européenne et l'ONG Access Now.");
    expect(claims.filter((c) => c.includes('PARTNERS_WITH')).length).toBe(2);
  });
  it('gives a recognised ministry the country of its adjective', () => {
    const r = extract('Thales a vendu des radars au ministère de la Défense indien.', { language: 'fr' });
    expect(r.entities.find((e) => e.kind === 'GovernmentBody')).toMatchObject({ name: 'ministère de la Défense indien', fields: { country: 'IN' } });
  });
});
