// +972 Magazine: independent journalism from Israel-Palestine, from its WordPress feed (partner of Local Call).
import { defineSource } from '../source.ts';

export default defineSource({
  name: '972mag',
  publisher: '+972 Magazine',
  covers: 'Israel-Palestine investigations, including the Israeli military’s use of AI and cloud services',
  origin: 'https://www.972mag.com',
  listings: ['/feed/'],
  isReport: (u) => !/^\/(feed|tag|category|author|page|topic)\//.test(u.pathname) && u.pathname.length > 1,
  hints: { body: '.entry-content, .article-content', date: 'time.entry-date, .article-date time', authors: '.author-name, a[rel="author"]' },
});
