// One test per rule of the general readers added for reports nobody tuned the extractor on: names by their
// shape, technology phrases and references, abuses told as clauses, persons by context, countries acting as
// their governments, and the sentence-level hops of an exposure. Sentences written for these tests, in
// French and in English (the firms and bodies they name are made up where a real one is not needed).
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/domain/extraction.ts';
import { extract } from '../../src/extract/extract.ts';

const en = (text: string) => extract(text, { language: 'en' });
const fr = (text: string) => extract(text, { language: 'fr' });
const kinds = (r: Extraction) => r.entities.map((e) => `${e.kind}: ${e.name}`);
const names = (r: Extraction) => r.entities.flatMap((e) => [e.name, ...e.aliases].map((n) => `${e.kind}: ${n}`));
const claims = (r: Extraction) => {
  const name = new Map(r.entities.map((e) => [e.id, e.name]));
  return r.claims.map((c) => `${name.get(c.subject)} ${c.type} ${name.get(c.object)}`);
};

describe('state bodies by their shape', () => {
  it('makes a nationality and a state noun a body of that country (en)', () => {
    const r = en('The Moldovan government and Kenyan police officers met. Peruvian troops stayed home.');
    expect(names(r)).toEqual(expect.arrayContaining(['GovernmentBody: Moldovan government', 'GovernmentBody: Government of Moldova', 'GovernmentBody: Kenyan police', 'GovernmentBody: Peruvian troops']));
    expect(r.entities.find((e) => e.name === 'Moldovan government')?.fields).toMatchObject({ country: 'MD', govType: 'government' });
  });
  it('reads the noun before the adjective in French', () => {
    const r = fr('Le gouvernement moldave a rencontré les autorités kényanes et les services de renseignement péruviens.');
    expect(names(r)).toEqual(expect.arrayContaining(['GovernmentBody: gouvernement moldave', 'GovernmentBody: autorités kényanes', 'GovernmentBody: services de renseignement péruviens']));
    expect(names(r)).toContain('GovernmentBody: Government of Moldova');
  });
  it('reads "government of X", "security agencies in X" and "X\'s police"', () => {
    expect(names(en('A meeting with the government of Mongolia was held.'))).toContain('GovernmentBody: Government of Mongolia');
    expect(kinds(en('The contract went to security agencies in Mongolia last year.'))).toContain('GovernmentBody: security agencies in Mongolia');
    expect(kinds(en('Peru’s national police bought drones.'))).toContain('GovernmentBody: Peru’s national police');
  });
  it('does not make a state body of state media', () => {
    expect(kinds(en('Moldovan state television aired the speech.'))).not.toContain('GovernmentBody: Moldovan state');
  });
  it('classes capitalised names by their head word', () => {
    const r = en('The Supreme Council of Digital Affairs approved it. Zeltron Networks won, and the Northern Ledger Foundation objected.');
    expect(kinds(r)).toEqual(expect.arrayContaining(['GovernmentBody: Supreme Council of Digital Affairs', 'Company: Zeltron Networks', 'Organization: Northern Ledger Foundation']));
  });
  it('stops a name at a month and never crosses a line or a full stop', () => {
    const r = en('The Telecommunications Regulatory Authority in January said so.\n\nIntroduction\n\nNothing Else.');
    expect(kinds(r)).toContain('GovernmentBody: Telecommunications Regulatory Authority');
    expect(kinds(r).some((k) => k.includes('January') || k.includes('Introduction'))).toBe(false);
  });
  it('takes "the government" for the government of the country the report is about', () => {
    const r = en('Mongolia has a new data centre. The government bought cameras from Zeltron Systems.');
    expect(claims(r)).toContain('Zeltron Systems SUPPLIES Government of Mongolia');
  });
});

describe('names classed by a plural noun that refers back to them', () => {
  it('makes the names coordinated before "the two companies" companies (en)', () => {
    const r = en('Quorvex and Lindale Analytics were fined last spring. The two companies sell tracking tools to several ministries.');
    expect(kinds(r)).toEqual(expect.arrayContaining(['Company: Quorvex', 'Company: Lindale Analytics']));
  });
  it('reads "A, B et C … ces entreprises" in French, and passes over a coordination of names already known', () => {
    const r = fr('Quorvex, Lindale et Brontag ont été sanctionnées. Selon Amnesty International et Human Rights Watch, ces entreprises vendent des logiciels espions.');
    expect(kinds(r)).toEqual(expect.arrayContaining(['Company: Quorvex', 'Company: Lindale', 'Company: Brontag']));
    expect(kinds(r)).not.toContain('Company: Amnesty International');
  });
  it('needs a group word before the plural noun', () => {
    expect(kinds(en('Quorvex and Lindale met. Companies sell tracking tools.'))).not.toContain('Company: Quorvex');
  });
});

describe('technology phrases', () => {
  it('finds a head with its modifiers before it (en) and after it (fr)', () => {
    expect(kinds(en('They installed voice recognition software and Internet filtering devices.'))).toEqual(expect.arrayContaining(['Technology: voice recognition software', 'Technology: Internet filtering devices']));
    expect(kinds(fr('Ils ont acheté des logiciels d’espionnage.'))).toContain('Technology: logiciels d’espionnage');
    expect(kinds(fr('Ils ont acheté un système de surveillance de masse.'))).toContain('Technology: système de surveillance de masse');
  });
  it('takes the generic phrases of one type in a report for one technology, told in several words', () => {
    const r = fr('Ils ont acheté des logiciels d’espionnage. Ce système de surveillance de masse a servi.');
    const tech = r.entities.filter((e) => e.kind === 'Technology');
    expect(tech).toHaveLength(1);
    expect(tech[0]!.aliases).toContain('système de surveillance de masse');
  });
  it('keeps a qualifier in an alias, not in the entity', () => {
    const r = en('Powerful interception software was sold. The interception software was maintained.');
    const tech = r.entities.filter((e) => e.kind === 'Technology');
    expect(tech).toHaveLength(1);
    expect(tech[0]!.aliases).toContain('Powerful interception software');
  });
  it('finds a known unit written in lower case', () => {
    expect(kinds(fr('Selon ces sources, l’unité 8200 conservait les enregistrements.'))).toContain('GovernmentBody: Unit 8200');
  });
  it('takes a named data centre or programme for a technology, not a body', () => {
    expect(kinds(en('The president opened the Northern Data Center last week.'))).toContain('Technology: Northern Data Center');
  });
  it('makes a phrase holding a known class that class', () => {
    const r = en('Facial recognition systems were installed; facial recognition spread.');
    expect(r.entities.filter((e) => e.kind === 'Technology')).toHaveLength(1);
  });
  it('carries "the system" and "ce logiciel" to the technology named before', () => {
    expect(claims(en('Zeltron Systems sold interception software to Peru. The Peruvian police used the software to spy on journalists.'))).toContain('Peruvian police USES interception software');
    expect(claims(fr('Zeltron Systems a vendu des logiciels d’espionnage au Pérou. La police péruvienne utilise ces logiciels pour espionner des journalistes.'))).toContain('police péruvienne USES logiciels d’espionnage');
  });
});

describe('abuses told as clauses', () => {
  it('binds an abuse verb to the people it targets (en)', () => {
    const r = en('The unit used the tool to spy on dissidents.');
    const abuse = r.entities.find((e) => e.kind === 'Abuse');
    expect(abuse?.name).toBe('spy on dissidents');
    expect(abuse?.aliases).toContain('surveillance of dissidents');
  });
  it('binds it in French, and after the victims in the passive', () => {
    expect(fr('Le régime a utilisé ces outils pour traquer les opposants.').entities.find((e) => e.kind === 'Abuse')?.name).toBe('traquer les opposants');
    expect(en('Several journalists were arrested in May.').entities.find((e) => e.kind === 'Abuse')?.name).toBe('journalists were arrested');
  });
  it('reads shooting at a group as a killing abuse, in both languages', () => {
    expect(en('Peruvian troops opened fire on protesters.').entities.find((e) => e.kind === 'Abuse')?.name).toBe('opened fire on protesters');
    expect(fr('Les soldats ont ouvert le feu sur des manifestants.').entities.find((e) => e.kind === 'Abuse')?.name).toBe('ont ouvert le feu sur des manifestants');
  });
  it('makes coordinated verbs on one group one abuse', () => {
    const r = en('Officers tracked down and arrested critics.');
    expect(r.entities.filter((e) => e.kind === 'Abuse')).toHaveLength(1);
  });
  it('needs a victim: an abuse verb alone names no abuse', () => {
    expect(en('The company will monitor the results and block the payment.').entities.filter((e) => e.kind === 'Abuse')).toEqual([]);
    expect(en('Surveillance grew in Peru.').entities.filter((e) => e.kind === 'Abuse')).toEqual([]);
  });
});

describe('abuses told against their victims', () => {
  it('reads "used against" and "viser" with the people targeted, and the tool used as what enabled it', () => {
    const r = en('Zeltron Systems sells spyware. The hacking tools have been used against opposition politicians and journalists in Mongolia.');
    expect(names(r)).toContain('Abuse: used against opposition politicians');
    // "The hacking tools" are the spyware of the sentence before (one class of technology).
    expect(claims(r)).toContain('spyware ENABLES used against opposition politicians');
    expect(kinds(fr('Des outils informatiques d’espionnage ont servi à viser des responsables politiques.'))).toEqual(expect.arrayContaining(['Technology: outils informatiques d’espionnage', 'Abuse: viser des responsables politiques']));
    // Aiming at something is no abuse: "vise à" binds no victim.
    expect(kinds(fr('Le projet vise à protéger les journalistes.')).some((k) => k.startsWith('Abuse'))).toBe(false);
  });
  it('takes a victim word inside a compound as a modifier of the victims after it', () => {
    expect(names(en('The spyware was used against minority-party politicians in Mongolia.'))).toContain('Abuse: used against minority-party politicians');
  });
  it('reads "abuses against" a group as the abuse of that group', () => {
    expect(names(en('The Mongolian police committed human rights abuses against Falun Gong practitioners.'))).toContain('Abuse: abuses against Falun Gong practitioners');
    expect(kinds(en('The Mongolian government has engaged in repressive tactics against human rights activists.'))).toContain('Abuse: repressive tactics against human rights activists');
    expect(kinds(fr('Le gouvernement mongol a pris des mesures répressives contre les journalistes.'))).toContain('Abuse: mesures répressives contre les journalistes');
  });
  it('makes an abuse named bare, then with its victims, one abuse', () => {
    const r = en('Efforts to crush the movement involved forced labour and torture. The court heard of the torture of Falun Gong practitioners by the Mongolian police.');
    expect(r.entities.filter((e) => e.kind === 'Abuse' && /torture/i.test(e.name))).toHaveLength(1);
  });
});

describe('persons by context', () => {
  it('reads a title before a name', () => {
    expect(kinds(en('President Tomas Varga opened it; Senator Ana Brill objected.'))).toEqual(expect.arrayContaining(['Person: Tomas Varga', 'Person: Ana Brill']));
    expect(kinds(fr('L’eurodéputée Claire Montel a réagi.'))).toContain('Person: Claire Montel');
  });
  it('reads who speaks', () => {
    expect(kinds(en('"It is wrong," said Dana Ortiz. Omar Haddad says otherwise.'))).toEqual(expect.arrayContaining(['Person: Dana Ortiz', 'Person: Omar Haddad']));
    expect(kinds(fr('« C’est illégal », a déclaré Léa Morin.'))).toContain('Person: Léa Morin');
  });
  it('reads bylines and "X, who …"', () => {
    expect(kinds(en('By Rita Solis and Marc Lund\nThe report came out.'))).toEqual(expect.arrayContaining(['Person: Rita Solis', 'Person: Marc Lund']));
    expect(kinds(en('Ivan Petrov, who heads the unit, left.'))).toContain('Person: Ivan Petrov');
  });
  it('does not take a body named after a speech verb for a person', () => {
    expect(kinds(en('The finding was confirmed, said Zeltron Systems.')).some((k) => k.startsWith('Person'))).toBe(false);
  });
  it('reads "headed by President X"', () => {
    expect(claims(en('The project went to the Supreme Council of Digital Affairs, headed by President Tomas Varga.'))).toContain('Tomas Varga ROLE_IN Supreme Council of Digital Affairs');
  });
  it('finds a role with the organisation named before the role word', () => {
    expect(claims(en('Tom Reyes, a Microsoft spokesman, declined to comment.'))).toContain('Tom Reyes ROLE_IN Microsoft');
  });
});

describe('countries acting as their governments', () => {
  it('makes a country a government as a bare subject or a buyer, never as a place', () => {
    expect(claims(en('Mongolia bought spyware from Zeltron Systems.'))).toContain('Government of Mongolia USES spyware');
    expect(claims(fr('Zeltron Systems a vendu des drones à la Mongolie.'))).toContain('Zeltron Systems SUPPLIES Government of Mongolia');
    expect(claims(en('Zeltron Systems, based in Mongolia, sells drones.')).some((c) => c.includes('Government of Mongolia'))).toBe(false);
  });
  it('puts a country\'s police under its government when both act in the report', () => {
    const r = en('Mongolia bought spyware. The Mongolian police used it to arrest journalists.');
    expect(claims(r)).toContain('Mongolian police PART_OF Government of Mongolia');
  });
});

describe('exposure hops within a sentence', () => {
  it('links a technology to the abuse of its sentence, and the state body that commits it', () => {
    const r = en('In May, interception software generated the transcripts that the Mongolian police used to arrest journalists.');
    expect(claims(r)).toEqual(expect.arrayContaining(['interception software ENABLES arrest journalists', 'Mongolian police RESPONSIBLE_FOR arrest journalists']));
  });
  it('reads a supply without a bound verb: "the spy gear in X was sold by C"', () => {
    const r = en('The interception software in Mongolia was sold by Zeltron Systems.');
    expect(claims(r)).toEqual(expect.arrayContaining(['Zeltron Systems PROVIDES interception software', 'Zeltron Systems SUPPLIES Government of Mongolia']));
  });
  it('makes the maker of what an actor uses its supplier: "the technology of C", "equipment from C"', () => {
    expect(claims(en('The Mongolian army uses equipment from Zeltron Systems to monitor protesters.'))).toContain('Zeltron Systems SUPPLIES Mongolian army');
    expect(claims(fr('La police mongole utiliserait la technologie de la start-up Zeltron Systems.'))).toContain('Zeltron Systems SUPPLIES police mongole');
    // Only what is used right after the verb: "used the report to expose C's spyware" says nothing of a supply.
    expect(en('The Mongolian police used the report to expose Zeltron Systems’s spyware.').claims.some((c) => c.rule === 'uses-makers-product')).toBe(false);
  });
  it('reads "the two companies" as the coordinated names before it', () => {
    const r = en('Zeltron Systems and Kestrel Optics were sanctioned in 2023. The two companies supply software to the Mongolian police.');
    expect(claims(r)).toEqual(expect.arrayContaining(['Zeltron Systems SUPPLIES Mongolian police', 'Kestrel Optics SUPPLIES Mongolian police']));
  });
  it('reads "mis en œuvre par", "implemented by" as a supply to the body whose project it is', () => {
    expect(claims(fr('La police mongole a lancé un projet de vidéosurveillance, mis en œuvre par la société Zeltron Systems.'))).toContain('Zeltron Systems SUPPLIES police mongole');
  });
  it('makes a tool named for an abuse of the report enable it', () => {
    const r = fr('Le projet chinois de surveillance de masse à Belgrade inquiète. Un système de surveillance de masse a été installé.');
    expect(claims(r)).toContain('système de surveillance de masse ENABLES surveillance de masse');
  });
  it('reads a country before a business noun as a nationality, not its government', () => {
    const r = en('U.S. chip manufacturer Zeltron Systems sold drones to the Mongolian police.');
    expect(r.entities.some((e) => e.kind === 'GovernmentBody' && /United States/.test(e.name))).toBe(false);
    expect(claims(r)).toContain('Zeltron Systems SUPPLIES Mongolian police');
  });
  it('reads "the C installations" as the technology C was said to provide', () => {
    const r = en('Filtering software developed by Zeltron Systems was found in Mongolia. One of the Zeltron Systems installations is being used to censor journalists.');
    expect(claims(r)).toEqual(expect.arrayContaining(['Zeltron Systems PROVIDES Filtering software', 'Filtering software ENABLES censor journalists']));
    // Without a technology told with the company before, the words stay words.
    expect(en('The Zeltron Systems installations were inspected.').entities.map((e) => e.kind)).toEqual(['Company']);
  });
  it('gives a technology told without a bound verb to the nearest of several companies', () => {
    const r = claims(en('The senators asked about the dealings of Zeltron Systems with Kestrel Networks, whose facial recognition software was sold in Mongolia.'));
    expect(r).toContain('Kestrel Networks PROVIDES facial recognition software');
    expect(r).not.toContain('Zeltron Systems PROVIDES facial recognition software');
  });
  it('adds nothing without a cue for the relation', () => {
    expect(claims(en('Zeltron Systems and the Mongolian police were both at the fair.'))).toEqual([]);
  });
  it('gives a company the country of its nationality', () => {
    expect(claims(en('In Mongolia, the Mongolian firm Zeltron Systems grew.'))).toContain('Zeltron Systems BASED_IN Mongolia');
    expect(claims(fr('En Mongolie, la société mongole Zeltron Systems a grandi.'))).toContain('Zeltron Systems BASED_IN Mongolia');
  });
});

describe('platforms a list enumerates', () => {
  it('makes the names after "applications, dont" products, a company of the same name included (fr)', () => {
    const r = fr('Le logiciel espion a lu les données de plusieurs applications, dont Quillmail, Parlote et Facebook. Facebook a réagi.');
    expect(kinds(r)).toEqual(expect.arrayContaining(['Technology: Quillmail', 'Technology: Parlote', 'Technology: Facebook']));
    // One sense in the report: the later "Facebook" is the platform too, not Meta the company.
    expect(kinds(r)).not.toContain('Company: Meta Platforms');
  });
  it('reads "sites such as A and B" and a bracketed list after a platform noun (en)', () => {
    expect(kinds(en('The malware reached popular sites such as Quillmail and Parlote.'))).toEqual(expect.arrayContaining(['Technology: Quillmail', 'Technology: Parlote']));
    expect(kinds(en('Zeltron Systems, which runs two platforms (Quillmail, Parlote), objected.'))).toEqual(expect.arrayContaining(['Company: Zeltron Systems', 'Technology: Quillmail', 'Technology: Parlote']));
  });
  it('leaves one company after "services, including" a company', () => {
    expect(kinds(en('The ministry bought cloud services, including Microsoft, last year.'))).toContain('Company: Microsoft');
  });
  it('does not make a platform named beside an abuse its tool', () => {
    const r = en('Parlote and WhatsApp, two messaging apps, said they blocked the spying on journalists.');
    expect(r.claims.filter((c) => c.type === 'ENABLES')).toEqual([]);
  });
});

describe('abuses done to a named person', () => {
  it('reads "X was charged" and "X, who was detained" as the state\'s doing (en)', () => {
    const r = en('The Mongolian government bought drones from Zeltron Systems. Mongolia denies any abuse. The poet Batu Khan, who was detained for a week, was later charged with sedition.');
    const abuse = r.entities.find((e) => e.kind === 'Abuse');
    expect(abuse?.name).toMatch(/Batu Khan, who was detained/);
    // The state whose bodies the report names most (the Mongolian government, then "Mongolia" acting).
    expect(claims(r)).toContain(`Mongolian government RESPONSIBLE_FOR ${abuse?.name}`);
    // One case per person: the detention and the charge are one abuse.
    expect(r.entities.filter((e) => e.kind === 'Abuse')).toHaveLength(1);
  });
  it('reads "X a été arrêté" in French, and joins torture told of the same person', () => {
    const r = fr('Le gouvernement mongol a acheté des drones. La Mongolie le nie. Le militant Batu Khan a été arrêté à Oulan-Bator. Batu Khan aurait été battu. Libéré, Batu Khan est rentré.');
    const abuses = r.entities.filter((e) => e.kind === 'Abuse');
    expect(abuses.map((e) => e.name)).toEqual(['Batu Khan a été arrêté']);
    expect(abuses[0]?.mentions?.map((m) => m.text)).toEqual(['arrêté', 'battu']);
    expect(claims(r)).toContain('gouvernement mongol RESPONSIBLE_FOR Batu Khan a été arrêté');
  });
  it('does not make an abuse of an executive charged, nor name an agent the report does not name twice', () => {
    const exec = en('Batu Khan, chief executive of Zeltron Systems, was charged with fraud in Mongolia.');
    expect(exec.entities.filter((e) => e.kind === 'Abuse')).toEqual([]);
    const once = en('The activist Batu Khan was arrested in Mongolia.');
    expect(once.entities.filter((e) => e.kind === 'Abuse')).toHaveLength(1);
    expect(once.claims.filter((c) => c.type === 'RESPONSIBLE_FOR')).toEqual([]);
  });
});

describe('courts, legislatures and regulators', () => {
  it('binds no purchase, use or abuse to a body that judges, legislates or oversees (en)', () => {
    const r = claims(en('The Senate Committee on Digital Affairs asked Zeltron Systems about the facial recognition software it sold, used to spy on journalists.'));
    expect(r.filter((c) => c.startsWith('Senate Committee'))).toEqual([]);
    expect(r.some((c) => / SUPPLIES Senate Committee/.test(c))).toBe(false);
  });
  it('leaves a government bound in the same shape of sentence (fr)', () => {
    const oversight = claims(fr('La CNIL a enquêté sur les caméras de reconnaissance faciale vendues par Zeltron Systems.'));
    expect(oversight.some((c) => /SUPPLIES Commission|^Commission.* (USES|RESPONSIBLE_FOR)/.test(c))).toBe(false);
    expect(oversight).toContain('Zeltron Systems PROVIDES caméras de reconnaissance faciale');
    const buyer = claims(fr('Le gouvernement mongol a enquêté sur les caméras de reconnaissance faciale vendues par Zeltron Systems.'));
    expect(buyer).toContain('Zeltron Systems SUPPLIES gouvernement mongol');
  });
});

describe('where an abuse happened', () => {
  it('places an abuse where it struck, not at a seat, an agent or a nationality (en)', () => {
    const r = claims(en('Toronto-based researchers said U.S. firm Zeltron Systems sold tools used to spy on journalists in Mongolia.'));
    expect(r).toContain('spy on journalists OCCURRED_IN Mongolia');
    expect(r.filter((c) => /OCCURRED_IN (Toronto|United States)/.test(c))).toEqual([]);
    expect(claims(fr('La surveillance des journalistes par la Mongolie est documentée.')).filter((c) => c.includes('OCCURRED_IN'))).toEqual([]);
  });
  it('places the abuse told last where its victims were found, over a list of places (fr, en)', () => {
    const fr1 = claims(fr('Le logiciel a servi à espionner des journalistes. Les chercheurs ont recensé des victimes en Mongolie, au Pérou et dans le Caucase.'));
    expect(fr1).toEqual(expect.arrayContaining(['espionner des journalistes OCCURRED_IN Mongolia', 'espionner des journalistes OCCURRED_IN Peru', 'espionner des journalistes OCCURRED_IN Caucasus']));
    const en1 = claims(en('The spyware was used to spy on journalists. The report found victims in Central Asia and Southeast Asia.'));
    expect(en1).toEqual(expect.arrayContaining(['spy on journalists OCCURRED_IN Central Asia', 'spy on journalists OCCURRED_IN Southeast Asia']));
    // No abuse told before: no place for it.
    expect(claims(en('The report found victims in Central Asia.'))).toEqual([]);
  });
});

describe('persons by the organisation they speak for, and leaders named for their government', () => {
  it('reads "X of the Y Institute said" with X\'s role (en) and a titled name with its apposition (fr)', () => {
    const r = en('Batu Khan of the Steppe Media Institute said the law was clear.');
    expect(kinds(r)).toContain('Person: Batu Khan');
    expect(claims(r)).toContain('Batu Khan ROLE_IN Steppe Media Institute');
    const f = fr('Mme Oyun Bold, représentante d’Amnesty International, a déclaré que la loi était claire.');
    expect(claims(f)).toContain('Oyun Bold ROLE_IN Amnesty International');
  });
  it('reads "le gouvernement de X Y" and "the regime of X Y" as a person', () => {
    expect(kinds(fr('Le gouvernement de Batu Khan a démenti.'))).toContain('Person: Batu Khan');
    expect(kinds(en('The regime of Batu Khan denied it.'))).toContain('Person: Batu Khan');
    // Not a place or a body named after "government of".
    expect(kinds(en('The government of Mongolia denied it.')).some((k) => k.startsWith('Person'))).toBe(false);
  });
});

describe('seats told as "X-based"', () => {
  it('gives the actor after "Toronto-based" its seat, and the country after a comma too', () => {
    expect(claims(en('Toronto-based researchers at Citizen Lab found it.'))).toContain('Citizen Lab BASED_IN Toronto');
    const r = claims(en('Cameras from Shenzhen, China-based Zeltron Systems were sold to the Mongolian police.'));
    expect(r).toEqual(expect.arrayContaining(['Zeltron Systems BASED_IN China', 'Zeltron Systems BASED_IN Shenzhen']));
    // The country of a seat is no state acting.
    expect(r.some((c) => /Government of China/.test(c))).toBe(false);
    // Nothing after the adjective but a common noun: no seat.
    expect(claims(en('A Toronto-based team found it.'))).toEqual([]);
  });
});

describe('a product and its maker described between them', () => {
  it('reads "le logiciel « X » de l\'entreprise Y" (fr) and "X from the Mongolian firm Y" (en)', () => {
    expect(claims(fr('La police a acquis le logiciel « Steppe Vision » de l’entreprise Zeltron Systems.'))).toContain('Zeltron Systems PROVIDES Steppe Vision');
    expect(claims(en('The police bought the platform called Steppe Vision from the Mongolian firm Zeltron Systems.'))).toContain('Zeltron Systems PROVIDES Steppe Vision');
  });
  it('needs a maker noun between them when they stand apart', () => {
    expect(claims(en('The police bought the platform called Steppe Vision from the ministry and Zeltron Systems.'))).not.toContain('Zeltron Systems PROVIDES Steppe Vision');
  });
});

describe('a body named by its country\'s possessive', () => {
  it('makes "Mongolia\'s Communications Regulatory Authority" part of the government of Mongolia', () => {
    const r = en('Mongolia’s Communications Regulatory Authority ordered the blocking of news sites.');
    expect(claims(r)).toContain('Communications Regulatory Authority PART_OF Government of Mongolia');
    expect(r.entities.find((e) => e.name === 'Communications Regulatory Authority')?.fields).toMatchObject({ country: 'MN' });
  });
  it('leaves a body after a city\'s possessive alone', () => {
    expect(claims(en('Shenzhen’s Communications Regulatory Authority ordered the blocking of news sites.')).filter((c) => c.includes('PART_OF'))).toEqual([]);
  });
});

describe('who speaks of an abuse documents it', () => {
  it('makes a speaker and the organisation they speak for document the abuse they tell of (en, fr)', () => {
    expect(claims(en('Batu Khan of the Steppe Media Institute said the state spies on journalists.'))).toEqual(expect.arrayContaining(['Batu Khan DOCUMENTS spies on journalists', 'Steppe Media Institute DOCUMENTS spies on journalists']));
    expect(claims(fr('Mme Oyun Bold, représentante d’Amnesty International, a déclaré que le régime surveille les journalistes.'))).toEqual(expect.arrayContaining(['Oyun Bold DOCUMENTS surveille les journalistes', 'Amnesty International DOCUMENTS surveille les journalistes']));
  });
  it('does not make a denial or a company official a witness', () => {
    expect(claims(en('Human Rights Watch denied that the state spies on journalists.')).filter((c) => c.includes('DOCUMENTS'))).toEqual([]);
    expect(claims(en('Batu Khan, chief executive of Zeltron Systems, said the state spies on journalists.')).filter((c) => c.startsWith('Batu Khan DOCUMENTS'))).toEqual([]);
  });
});
