// Per-caller rate limit: a token bucket per API key (or per client address, without a key) refilled at
// `perMinute` a minute, so a burst up to that size passes and a sustained flood gets 429 with Retry-After.
// Hand-written rather than @envelop/rate-limiter: that one limits fields by directive, not requests by key.
import type { Plugin } from 'graphql-yoga';

interface Bucket {
  tokens: number;
  at: number;
}

export function useRateLimit(opts: { perMinute: number; keyOf: (request: Request, serverContext: unknown) => string }): Plugin {
  const buckets = new Map<string, Bucket>();
  const rate = opts.perMinute / 60_000;
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI, url }) {
      if (!url.pathname.endsWith('/graphql')) return;
      const now = Date.now();
      const key = opts.keyOf(request, serverContext);
      const b = buckets.get(key) ?? { tokens: opts.perMinute, at: now };
      b.tokens = Math.min(opts.perMinute, b.tokens + (now - b.at) * rate);
      b.at = now;
      buckets.set(key, b);
      // Forget idle callers: a bucket refilled to the brim carries no information.
      if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.tokens >= opts.perMinute) buckets.delete(k);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      const wait = Math.ceil((1 - b.tokens) / rate / 1000);
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message: `rate limit: ${opts.perMinute} requests a minute; retry in ${wait} s`, extensions: { code: 'RATE_LIMITED' } }] }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(wait) } },
        ),
      );
    },
  };
}
