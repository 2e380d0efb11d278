import { describe, expect, it } from 'vitest';
import { statusLook } from '../../src/ui/theme/status.js';

describe('status symbols', () => {
  it('a job the server is busy with (validating, finalizing, cancelling) is not marked with the … of cut text', () => {
    for (const status of ['validating', 'finalizing', 'cancelling']) {
      const { symbol } = statusLook(status);
      expect(symbol, status).toBe('↻');
      expect(symbol).not.toMatch(/…|\.\.\./);
    }
  });

  it('every known status has a symbol of its own kind: running, working, done, failed, expired, cancelled', () => {
    const symbols = ['in_progress', 'validating', 'completed', 'failed', 'expired', 'cancelled'].map(
      (s) => statusLook(s).symbol,
    );
    expect(new Set(symbols).size).toBe(symbols.length);
  });
});
