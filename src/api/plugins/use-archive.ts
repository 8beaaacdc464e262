// Serves archived copies at /archive/<sha256>: the body as fetched, with its original content type, under a
// sandboxing Content-Security-Policy (no scripts, no same-origin rights), so a journalist can open what a
// page said on the day from the explorer without that page running anything on our origin. A fetched page is
// a WARC response record; a file or text ingested as such is a resource record, served the same way.
import type { Plugin } from 'graphql-yoga';
import { readArchived } from '../../archive/warc.ts';

export function useArchive(archiveDir: string): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      const m = /^\/archive\/([0-9a-f]{64})$/.exec(url.pathname);
      if (!m) return;
      const records = await readArchived(archiveDir, m[1]!);
      const res = records?.find((r) => r.type === 'response' || r.type === 'resource');
      if (!res) {
        endResponse(new fetchAPI.Response('not in the archive', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      endResponse(
        new fetchAPI.Response(Buffer.from(res.body), {
          headers: {
            'content-type': res.httpHeaders['content-type'] ?? res.warcHeaders['content-type'] ?? 'application/octet-stream',
            'content-security-policy': 'sandbox; default-src \'none\'; img-src * data:; style-src \'unsafe-inline\' *',
            'x-archived-url': res.url,
            'x-archived-at': res.date,
          },
        }),
      );
    },
  };
}
