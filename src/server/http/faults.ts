import { ApiError } from '../errors.js';
import { seededRandom } from '../hash.js';

/**
 * Fault injection for testing clients: with probability `rate`, a request is answered with a 500,
 * a 503 or a 429 (with `retry-after: 1`) instead of being served. A seeded PRNG makes a run
 * repeatable.
 */
export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** The fault to answer with, or null to serve the request. */
  next(): ApiError | null {
    if (this.rate <= 0 || this.random() >= this.rate) return null;
    const pick = Math.floor(this.random() * 3);
    if (pick === 0) {
      return new ApiError(
        429,
        {
          message: 'Rate limit reached for requests. Please try again in 1s.',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
        { 'retry-after': '1', 'retry-after-ms': '1000' },
      );
    }
    if (pick === 1) {
      return new ApiError(503, {
        message: 'The server is overloaded or not ready yet. (injected fault)',
        type: 'server_error',
        param: null,
        code: 'service_unavailable',
      });
    }
    return new ApiError(500, {
      message: 'The server had an error while processing your request. Sorry about that! (injected fault)',
      type: 'server_error',
      param: null,
      code: 'server_error',
    });
  }
}
