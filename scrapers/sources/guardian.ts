// The Guardian: world and technology news from its RSS feeds; article text in `[data-gu-name="body"]` or
// `.article-body-commercial-selector`.
import { defineSource } from '../source.ts';

export default defineSource({
  name: 'guardian',
  publisher: 'The Guardian',
  covers: 'World and technology journalism, including investigations into surveillance and military tech',
  origin: 'https://www.theguardian.com',
  listings: ['/world/rss', '/technology/rss'],
  isReport: (u) => /\/\d{4}\/[a-z]{3}\/\d{2}\//.test(u.pathname),
  hints: { body: '[data-gu-name="body"], .article-body-commercial-selector', authors: 'a[rel="author"]' },
});
