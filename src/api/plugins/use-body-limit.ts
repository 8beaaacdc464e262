// Refuses request bodies over a limit with 413 and a JSON error. A declared Content-Length over the limit is
// refused before anything is read; a body without one (chunked) is read as a stream and refused as soon as
// it passes the limit, so a 50 MB query document or variables blob never reaches the parser whole.
import type { Plugin } from 'graphql-yoga';

const tooLarge = (R: typeof Response, maxBytes: number) =>
  new R(JSON.stringify({ errors: [{ message: `request body over ${maxBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }), {
    status: 413,
    headers: { 'content-type': 'application/json' },
  });

class BadBody extends Error {}

/** The body as text, or null once it passes maxBytes (the rest is not read). */
async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(declared) && declared > maxBytes) endResponse(tooLarge(fetchAPI.Response, maxBytes));
    },
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      setRequestParser(async (req) => {
        const text = await readLimited(req, maxBytes);
        if (text === null) return tooLarge(Response, maxBytes);
        try {
          if (type === 'application/graphql') return { query: text };
          if (type === 'application/x-www-form-urlencoded') {
            const p = new URLSearchParams(text);
            const json = (k: string) => (p.get(k) ? JSON.parse(p.get(k)!) : undefined);
            return { query: p.get('query') ?? undefined, operationName: p.get('operationName') ?? undefined, variables: json('variables'), extensions: json('extensions') };
          }
          const body = JSON.parse(text) as unknown;
          if (!body || typeof body !== 'object') throw new BadBody('the body is not a JSON object or array');
          return body as never;
        } catch (err) {
          const message = err instanceof BadBody ? err.message : `malformed request body: ${(err as Error).message}`;
          return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }), {
            status: 400,
            headers: { 'content-type': 'application/json' },
          });
        }
      });
    },
  };
}
