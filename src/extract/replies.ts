// The right of reply as reports write it: "Hikvision did not respond to a request for comment", "NSO
// declined to comment", "l'entreprise n'a pas répondu à nos questions" (no response), and "Microsoft said in
// a statement that …", "dans un communiqué, Thales a déclaré …" (a reply, the sentence as its words). The
// party is the company, body or organisation named next to the cue, as its subject.
import type { EntityKind } from '../domain/vocabulary.ts';
import type { Mention } from './mentions.ts';
import type { Span } from './sentences.ts';

export interface FoundReply {
  entity: string;
  kind: 'reply' | 'no_response';
  start: number;
  end: number;
}

const NO_RESPONSE = [
  /\b(?:did not|didn['’]t|has not|hasn['’]t|have not|had not|failed to)\s+(?:immediately\s+)?(?:respond|reply|answer)\b/i,
  /\bdeclined\s+to\s+(?:comment|respond|answer)\b/i,
  // French words end in accented letters, which \b does not see as word characters: (?!\p{L}) instead.
  /\bn['’](?:a|ont|avait|avaient)\s+pas\s+(?:encore\s+)?(?:répondu|donné suite|souhaité (?:répondre|commenter|réagir))(?!\p{L})/iu,
  /\b(?:a|ont)\s+refusé\s+de\s+(?:commenter|répondre|s['’]exprimer)(?!\p{L})/iu,
];
const REPLY = [
  /\b(?:said|says|stated)\s+in\s+a\s+(?:statement|response|reply|letter|email)\b/i,
  /\bin\s+a\s+(?:statement|response|reply)\b/i,
  /\b(?:dans|par)\s+un\s+communiqué(?!\p{L})/iu,
  /\ba\s+(?:répondu|réagi|déclaré)(?!\p{L})/iu,
];
/** Characters between the party's name and the cue: a word or two ("also", "has so far"). */
const NEAR = 16;
const PARTIES: ReadonlySet<EntityKind> = new Set(['Company', 'GovernmentBody', 'Organization']);

/** The replies and silences a text reports, one per sentence at most. */
export function findReplies(text: string, sents: readonly Span[], mentions: readonly Mention[]): FoundReply[] {
  const out: FoundReply[] = [];
  const bySentence = new Map<number, Mention[]>();
  for (const m of mentions) if (PARTIES.has(m.kind)) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
  sents.forEach((s, i) => {
    const parties = bySentence.get(i);
    if (!parties) return;
    const sentence = text.slice(s.start, s.end);
    for (const [kind, cues] of [['no_response', NO_RESPONSE], ['reply', REPLY]] as const) {
      const hit = cues.map((re) => re.exec(sentence)).find((m) => m);
      if (!hit) continue;
      const at = s.start + hit.index;
      const end = at + hit[0].length;
      // The party is the cue's subject: named just before it ("Hikvision did not respond", "NSO also
      // declined"), or just after a leading "in a statement," ("Dans un communiqué, Thales a déclaré"). A
      // name further away is someone quoted or spoken of ("« … Microsoft doit … », a déclaré M. Brown").
      const before = parties.filter((m) => m.end <= at && at - m.end <= NEAR).sort((a, b) => b.end - a.end)[0];
      const after = parties.filter((m) => m.start >= end && m.start - end <= NEAR).sort((a, b) => a.start - b.start)[0];
      const party = before ?? after;
      if (!party) continue;
      const trimmed = sentence.trim();
      const start = s.start + sentence.indexOf(trimmed);
      out.push({ entity: party.entity, kind, start, end: start + trimmed.length });
      return;
    }
  });
  return out;
}
