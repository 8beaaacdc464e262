// Serves the explorer UI (the built files of src/ui) at /, with index.html for unknown paths so the
// single-page app can route itself. Paths never leave the UI folder. Without a built UI, `/` says how to build it.
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

/**
 * Without a built explorer, `/` says so and how to build it, instead of an empty 404: a page of two lines
 * and a link to GraphiQL (the API works without the explorer).
 */
export function useUiNotBuilt(graphqlEndpoint: string): Plugin {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rightsgraph: explorer not built</title></head><body>
<h1>The explorer is not built</h1>
<p>Build it with <code>npm run build:ui</code> (or start with <code>npm start</code>, which builds it), then reload this page.</p>
<p>The GraphQL API is running: <a href="${graphqlEndpoint}">${graphqlEndpoint}</a>.</p>
</body></html>`;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname.startsWith(graphqlEndpoint) || url.pathname.startsWith('/archive/') || url.pathname === '/healthz') return;
      endResponse(new fetchAPI.Response(page, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } }));
    },
  };
}
