// Serves the explorer UI (the built files of src/ui) at /, with index.html for unknown paths so the
// single-page app can route itself. Paths never leave the UI folder.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function fileIn(root: string, urlPath: string): Promise<string | null> {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const s = await stat(full);
    return s.isFile() ? full : s.isDirectory() ? fileIn(root, join(rel, 'index.html')) : null;
  } catch {
    return null;
  }
}

export function useStaticUi(root: string, graphqlEndpoint: string): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname.startsWith(graphqlEndpoint) || url.pathname === '/healthz') return;
      let file: string | null;
      try {
        file = (await fileIn(root, url.pathname)) ?? (extname(url.pathname) ? null : await fileIn(root, 'index.html'));
      } catch {
        file = null; // a malformed %-escape
      }
      if (!file) {
        endResponse(new fetchAPI.Response('not found\n', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      const body = await readFile(file);
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'x-content-type-options': 'nosniff',
            'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        }),
      );
    },
  };
}
