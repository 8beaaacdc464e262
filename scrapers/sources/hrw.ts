// Human Rights Watch: news releases and reports, from its RSS feed; report pages carry the text in
// `.rich-text` and the date in a <time> of the article header.
import { defineSource } from '../source.ts';

export default defineSource({
  name: 'hrw',
  publisher: 'Human Rights Watch',
  covers: 'News releases, reports and dispatches on abuses worldwide, including surveillance and tech',
  origin: 'https://www.hrw.org',
  listings: ['/rss/news'],
  isReport: (u) => /^\/(news|report)\/\d{4}\/\d{2}\/\d{2}\//.test(u.pathname),
  hints: { body: '.article-body .rich-text, .report-body .rich-text', date: '.article-header time, time.date', authors: '.byline__name' },
});
