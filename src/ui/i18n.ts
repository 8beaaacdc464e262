// Interface text in English and French; the language comes from the URL, then the browser.
const en = {
  title: 'rightsgraph', searchLabel: 'Search an entity', searchPlaceholder: 'Search a company, unit, technology, place… (accents optional)',
  asOf: 'As of', editorKey: 'Editor key', filters: 'Filters', claimTypes: 'Claim types', minConfidence: 'Minimum confidence',
  certainty: 'Certainty', review: 'Review', legend: 'Legend', export: 'Export', copyLink: 'Link to this view',
  graphHelp: 'Click a node to open it; double-click (or “Expand” in its panel) to expand its neighbours.',
  entity: 'Entity', exposure: 'Exposure', place: 'Place', edit: 'Edit', pickEntity: 'Search for an entity to start.',
  aliases: 'Also known as', externalIds: 'External ids', documents: 'Documents', claims: 'Claims', expand: 'Expand neighbours',
  exposedTo: 'Abuses this actor is exposed to, best path first', noPaths: 'No exposure path found.', evidence: 'Evidence',
  ended: 'ended', endedOn: 'supply ended on', source: 'source', archived: 'archived copy', score: 'score',
  accept: 'Accept', reject: 'Reject', note: 'Note', merge: 'Merge', keep: 'Keep (id)', drop: 'Drop (id)',
  keyPrompt: 'API key of an editor (kept for this browser session only):', keySaved: 'Editor key saved for this session.',
  needKey: 'Enter an editor key first.', done: 'Done.', abusesHere: 'Abuses that occurred here', responsible: 'Responsible',
  suppliers: 'Exposed suppliers', timeline: 'Documents over time', notPlace: 'Open a place (country, region, city) to see its situation.',
  copied: 'Link copied to the address bar.', paths: 'paths',
  paraphraseBy: 'Paraphrase, not the source’s words, by', summaryBy: 'Summary, not the source’s words, by', noArchive: 'no archived copy on this server',
  asOfHelp: 'Shows what had been published by this date: later reports are left out, suspensions up to it end their hops.',
  suspended: 'suspended', notOnPath: 'this path does not pass through it, so none of its hops is ended by it.',
  timingUnknown: 'No hop is dated: whether they held at one time is not known.', timingDisjoint: 'Not at one time:',
  timingWindow: 'The hops can have held together, as dated by the sources:',
  independentSource: 'independent source', independentSources: 'independent sources',
  responses: 'Right of reply', replied: 'replied', noResponse: 'did not respond by',
  welcome1: 'rightsgraph traces who supplies what to whom, from a technology supplier to a human-rights abuse, every step quoted from its source.',
  welcome2: 'Search a company, unit or technology above, then open its Exposure tab. Example:', example: 'Microsoft’s exposure paths',
  skip: 'Skip to the panels',
  exposedToAbuse: 'Who is exposed to this abuse, best path first', noneExposed: 'No one is exposed to it in the graph (none found).',
  firstReported: 'first reported', lastReported: 'last reported', from: 'from', until: 'until', began: 'began', noDates: 'No dated claim.', timelineOf: 'Timeline of the claims', timelineTitle: 'Timeline',
  noneFound: 'none found', sources: 'Sources',
  placesInside: 'Places inside', inPlace: 'in', abuseOne: 'abuse', abuseMany: 'abuses', andMore: 'and more not shown:', partsTruncated: 'The walk stopped before finding every part; the count is a floor.',
  dossier: 'Dossier of these paths', dossierMade: 'Dossier frozen at', copyCitation: 'Copy citation', citationCopied: 'Citation copied.',
  topics: 'Registry listings', topicsHelp: 'What registries (OpenSanctions and its sources) say of this entity, each with its dataset and dates: facts with their source, not claims of the reports.',
  listedBy: 'listed by', lastListed: 'last listed',
};
const fr: typeof en = {
  title: 'rightsgraph', searchLabel: 'Chercher une entité', searchPlaceholder: 'Chercher une entreprise, une unité, une technologie, un lieu… (accents facultatifs)',
  asOf: 'À la date du', editorKey: 'Clé éditeur', filters: 'Filtres', claimTypes: 'Types d’affirmation', minConfidence: 'Confiance minimale',
  certainty: 'Certitude', review: 'Relecture', legend: 'Légende', export: 'Exporter', copyLink: 'Lien vers cette vue',
  graphHelp: 'Cliquez sur un nœud pour l’ouvrir ; double-cliquez (ou « Déplier » dans son panneau) pour afficher ses voisins.',
  entity: 'Entité', exposure: 'Exposition', place: 'Lieu', edit: 'Éditer', pickEntity: 'Cherchez une entité pour commencer.',
  aliases: 'Autres noms', externalIds: 'Identifiants externes', documents: 'Documents', claims: 'Affirmations', expand: 'Déplier les voisins',
  exposedTo: 'Abus auxquels cet acteur est exposé, meilleur chemin d’abord', noPaths: 'Aucun chemin d’exposition trouvé.', evidence: 'Preuves',
  ended: 'terminé', endedOn: 'fourniture arrêtée le', source: 'source', archived: 'copie archivée', score: 'score',
  accept: 'Accepter', reject: 'Rejeter', note: 'Note', merge: 'Fusionner', keep: 'Garder (id)', drop: 'Supprimer (id)',
  keyPrompt: 'Clé API d’un éditeur (gardée pour cette session du navigateur seulement) :', keySaved: 'Clé éditeur enregistrée pour la session.',
  needKey: 'Saisissez d’abord une clé éditeur.', done: 'Fait.', abusesHere: 'Abus survenus ici', responsible: 'Responsables',
  suppliers: 'Fournisseurs exposés', timeline: 'Documents dans le temps', notPlace: 'Ouvrez un lieu (pays, région, ville) pour voir sa situation.',
  copied: 'Lien copié dans la barre d’adresse.', paths: 'chemins',
  paraphraseBy: 'Paraphrase, pas les mots de la source, par', summaryBy: 'Résumé, pas les mots de la source, par', noArchive: 'pas de copie archivée sur ce serveur',
  asOfHelp: 'Montre ce qui avait été publié à cette date : les rapports postérieurs sont écartés, les suspensions jusqu’à elle terminent leurs étapes.',
  suspended: 'a suspendu', notOnPath: 'ce chemin n’y passe pas : aucune de ses étapes n’est terminée par là.',
  timingUnknown: 'Aucune étape n’est datée : on ne sait pas si elles ont coexisté.', timingDisjoint: 'Pas en même temps :',
  timingWindow: 'Les étapes ont pu coexister, selon les dates des sources :',
  independentSource: 'source indépendante', independentSources: 'sources indépendantes',
  responses: 'Droit de réponse', replied: 'a répondu', noResponse: 'n’a pas répondu avant le',
  welcome1: 'rightsgraph retrace qui fournit quoi à qui, d’un fournisseur de technologie jusqu’à une violation des droits humains, chaque étape citée d’après sa source.',
  welcome2: 'Cherchez une entreprise, une unité ou une technologie ci-dessus, puis ouvrez son onglet Exposition. Exemple :', example: 'les chemins d’exposition de Microsoft',
  skip: 'Aller aux panneaux',
  exposedToAbuse: 'Qui est exposé à cet abus, meilleur chemin d’abord', noneExposed: 'Personne n’y est exposé dans le graphe (aucun trouvé).',
  firstReported: 'premier signalement', lastReported: 'dernier signalement', from: 'depuis', until: 'jusqu’à', began: 'début', noDates: 'Aucune affirmation datée.', timelineOf: 'Chronologie des affirmations', timelineTitle: 'Chronologie',
  noneFound: 'aucun trouvé', sources: 'Sources',
  placesInside: 'Lieux inclus', inPlace: 'à', abuseOne: 'abus', abuseMany: 'abus', andMore: 'et d’autres non affichés :', partsTruncated: 'Le parcours s’est arrêté avant de trouver toutes les parties ; le nombre est un minimum.',
  dossier: 'Dossier de ces chemins', dossierMade: 'Dossier figé à', copyCitation: 'Copier la citation', citationCopied: 'Citation copiée.',
  topics: 'Inscriptions aux registres', topicsHelp: 'Ce que des registres (OpenSanctions et ses sources) disent de cette entité, chaque fois avec son jeu de données et ses dates : des faits sourcés, pas des affirmations des rapports.',
  listedBy: 'inscrit par', lastListed: 'dernière inscription',
};
export type Key = keyof typeof en;
const dicts = { en, fr };
export let lang: 'en' | 'fr' = 'en';

export function setLang(l: string | null | undefined): void {
  lang = l === 'fr' ? 'fr' : l === 'en' ? 'en' : navigator.language.startsWith('fr') ? 'fr' : 'en';
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as Key);
  for (const el of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder as Key);
}

export function t(k: Key): string {
  return dicts[lang][k] ?? en[k];
}

/** The ontology's vocabulary in French (claim types, certainty, review, kinds); English shows the terms as the API names them. */
const TERMS_FR: Record<string, string> = {
  PROVIDES: 'fournit (produit)', SUPPLIES: 'fournit à', USES: 'utilise', PARTY_TO: 'partie à', FUNDS: 'finance', PART_OF: 'fait partie de',
  RESPONSIBLE_FOR: 'responsable de', ENABLES: 'permet', OCCURRED_IN: 'survenu à', BASED_IN: 'basé à', ROLE_IN: 'rôle dans',
  SUSPENDED: 'a suspendu', DOCUMENTS: 'documente', PARTNERS_WITH: 'partenaire de',
  // OpenSanctions' commonest topics.
  sanction: 'sanction', 'sanction.linked': 'lié à une entité sanctionnée', 'export.control': 'contrôle des exportations', crime: 'crime',
  'crime.fin': 'crime financier', 'crime.war': 'crime de guerre', 'role.pep': 'personne politiquement exposée', debarment: 'exclusion des marchés publics',
  'reg.warn': 'avertissement d’un régulateur', 'gov.soe': 'entreprise publique', poi: 'personne d’intérêt',
  stated: 'affirmé', alleged: 'allégué', denied: 'démenti',
  unreviewed: 'non relu', accepted: 'accepté', rejected: 'rejeté', superseded: 'remplacé',
  Company: 'Entreprise', GovernmentBody: 'Organisme public', Organization: 'Organisation', Person: 'Personne', Technology: 'Technologie',
  Contract: 'Contrat', Location: 'Lieu', Abuse: 'Abus',
  country: 'pays', region: 'région', city: 'ville', site: 'site', countryCode: 'par code pays',
};

/** A vocabulary term (claim type, certainty, review status, kind) in the interface's language. */
export function term(x: string): string {
  return lang === 'fr' ? (TERMS_FR[x] ?? x) : x;
}
