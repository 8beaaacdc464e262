// Refuses request bodies over a limit before they are read, with 413 and a JSON error: a 50 MB query
// document or variables blob never reaches the parser.
import type { Plugin } from 'graphql-yoga';

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      const tooBig = Number.isFinite(declared) ? declared > maxBytes : false;
      if (tooBig) {
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message: `request body over ${maxBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }), {
            status: 413,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
    },
  };
}
