// A dossier as a web page (marked, the Markdown of dossierMarkdown, whose document text is escaped) and as a
// PDF printed by a headless Chromium (playwright-core driving the system's browser: no download).
import { marked } from 'marked';
import { chromiumPath } from '../util/chromium.ts';

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;color:#111}
blockquote{margin:.4rem 0;padding:.3rem .7rem;border-left:3px solid #888;background:#f3f3f3}
h3{margin-top:2rem;border-top:1px solid #ccc;padding-top:.8rem}.changed{background:#fff6d5;padding:.5rem .8rem;border:1px solid #e0c060}
@media print{a{color:#111}}`;

export function dossierHtml(markdown: string, opts: { title: string; changed?: string }): string {
  const body = marked.parse(markdown, { async: false });
  const title = opts.title.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
  const changed = opts.changed ? `<p class="changed">${opts.changed.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head><body>${changed}${body}</body></html>`;
}

/** The page printed to PDF (A4, backgrounds, page numbers in the footer). */
export async function dossierPdf(html: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    // Nothing of the dossier is fetched: it is one self-contained page.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' }, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>' });
  } finally {
    await browser.close();
  }
}
