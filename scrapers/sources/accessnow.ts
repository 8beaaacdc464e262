// Access Now: digital-rights news and statements from its WordPress feed.
import { defineSource } from '../source.ts';

export default defineSource({
  name: 'accessnow',
  publisher: 'Access Now',
  covers: 'Digital rights: spyware, shutdowns, surveillance tech and corporate accountability',
  origin: 'https://www.accessnow.org',
  listings: ['/feed/'],
  isReport: (u) => !/^\/(feed|tag|category|author|page)\//.test(u.pathname) && u.pathname.split('/').filter(Boolean).length >= 1,
  hints: { body: '.entry-content, .post-content', date: 'time.entry-date, .post-date time' },
});
