/**
 * Who may do what, by tier: free and pro keys are rate-limited (a fixed one-minute window
 * per key; over it, 429 with Retry-After), academic and commercial keys are not, but every
 * one of their requests is logged. Pushing into a collection needs a tier the collection
 * lists in its push_tiers.
 */
import type { Tier } from '../store/atlas-store.js';

export type RateLimits = Record<Tier, number | undefined>;

/** Requests per minute; undefined is unlimited. */
export const DEFAULT_RATE_LIMITS: RateLimits = { free: 60, pro: 600, academic: undefined, commercial: undefined };

export const LOGGED_TIERS: ReadonlySet<Tier> = new Set(['academic', 'commercial']);

export class RateLimiter {
  private readonly windows = new Map<number, { start: number; count: number }>();

  constructor(private readonly limits: RateLimits, private readonly now: () => number = Date.now) {}

  /** Seconds to wait when the key is over its limit, else undefined (and the request is counted). */
  check(keyId: number, tier: Tier): number | undefined {
    const limit = this.limits[tier];
    if (limit === undefined) return undefined;
    const now = this.now();
    const window = this.windows.get(keyId);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(keyId, { start: now, count: 1 });
      return undefined;
    }
    if (window.count >= limit) return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
    window.count++;
    return undefined;
  }
}
