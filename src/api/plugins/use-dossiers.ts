// Serves frozen dossiers at their permalinks: /dossiers/<sha256> (a page, with a line on what has changed
// on its paths since), /dossiers/<sha256>.md (the frozen Markdown, byte for byte) and /dossiers/<sha256>.pdf
// (printed by the system's Chromium). The text never changes; only the "changed since" line is live.
import type { Plugin } from 'graphql-yoga';
import { changedSince, readFrozen } from '../../dossier/frozen.ts';
import { dossierHtml, dossierPdf } from '../../dossier/render.ts';
import type { GraphStore } from '../../store/port.ts';

export function useDossiers(dir: string, store: GraphStore): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      const m = /^\/dossiers\/([0-9a-f]{64})(\.md|\.pdf)?$/.exec(url.pathname);
      if (!m) return;
      const frozen = readFrozen(dir, m[1]!);
      if (!frozen) {
        endResponse(new fetchAPI.Response('no such dossier\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      if (m[2] === '.md') {
        endResponse(new fetchAPI.Response(frozen.markdown, { headers: { 'content-type': 'text/markdown; charset=utf-8' } }));
        return;
      }
      const html = dossierHtml(frozen.markdown, { title: `Dossier ${m[1]!.slice(0, 12)}`, changed: await changedSince(store, frozen.meta) });
      if (m[2] === '.pdf') {
        endResponse(new fetchAPI.Response(new Uint8Array(await dossierPdf(html)), { headers: { 'content-type': 'application/pdf' } }));
        return;
      }
      endResponse(
        new fetchAPI.Response(html, {
          headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
        }),
      );
    },
  };
}
