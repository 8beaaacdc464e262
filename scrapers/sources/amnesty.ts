// Amnesty International: news and research from its WordPress feed; the text is in `.article-content`.
import { defineSource } from '../source.ts';

export default defineSource({
  name: 'amnesty',
  publisher: 'Amnesty International',
  covers: 'News, research and technical reports (Security Lab: spyware forensics)',
  origin: 'https://www.amnesty.org',
  listings: ['/en/latest/news/feed/'],
  isReport: (u) => /^\/en\/(latest\/(news|research)|documents)\//.test(u.pathname),
  hints: { body: '.article-content, .wysiwyg', date: '.article-meta time, .postdate time' },
});
