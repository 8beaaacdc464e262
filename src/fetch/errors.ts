// Why a fetch was refused or failed: one class per reason, each with a stable code and whether retrying
// could help (Crawlee's rule: the error class decides). The crawl records the code and goes on.
export type FetchRefusal = 'scheme' | 'private-address' | 'robots' | 'too-large' | 'content-type' | 'timeout' | 'redirects' | 'http-status' | 'network';

export class FetchError extends Error {
  readonly userFacing = true;
  constructor(
    readonly code: FetchRefusal,
    readonly url: string,
    message: string,
    readonly retryable = false,
    readonly status?: number,
    /** Seconds the server asked us to wait (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(`${url}: ${message}`);
    this.name = 'FetchError';
  }
}
