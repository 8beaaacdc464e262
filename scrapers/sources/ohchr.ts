// OHCHR (UN Human Rights Office): press releases and statements from its HTML listing of latest news;
// each listed item is a card whose link leads to the release.
import { defineSource } from '../source.ts';

export default defineSource({
  name: 'ohchr',
  publisher: 'OHCHR',
  covers: 'UN human rights press releases, statements and reports of special procedures',
  origin: 'https://www.ohchr.org',
  listings: ['/en/latest'],
  linkSelector: '.views-row .node__title a, article h3 a',
  isReport: (u) => /^\/en\/(press-releases|statements|statements-and-speeches|documents)\//.test(u.pathname),
  hints: { body: '.node__content .field--name-body, .ohchr-layout__main .field--name-body', date: '.node__date time, time' },
});
