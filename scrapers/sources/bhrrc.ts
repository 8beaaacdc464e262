// Business & Human Rights Resource Centre: company responses and news from its HTML listing; items link to
// /en/latest-news/<slug>/.
import { defineSource } from '../source.ts';

export default defineSource({
  name: 'bhrrc',
  publisher: 'Business & Human Rights Resource Centre',
  covers: 'Allegations against companies and their responses, across sectors including technology',
  origin: 'https://www.business-humanrights.org',
  listings: ['/en/latest-news/'],
  linkSelector: '.card a.card__link, .listing-item a',
  isReport: (u) => /^\/en\/latest-news\/[^/]+\/?$/.test(u.pathname) && u.pathname !== '/en/latest-news/',
  hints: { body: '.article__body, .rich-text', date: '.article__date time, time' },
});
