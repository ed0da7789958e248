/**
 * Sign-in throttling by growing delay (§9, ADR 007). Each key (a login name, a client
 * address, a browser that signed in before) counts its recent failures; once past its
 * free failures, the key's next attempt is examined only after a delay that doubles
 * with each further failure, up to a ceiling. Nothing is ever locked for good: the real
 * owner waits at most the ceiling, and a browser that already signed in to the login
 * is not held back by a stranger's failures at all (see the service).
 */
export type ThrottlePolicy = {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  resetMs: number;
};

/** Per login name: a person mistyping three times is not slowed; a guesser soon is. */
export const LOGIN_POLICY: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, resetMs: 15 * 60_000 };
/** Per client address: offices share addresses, so more failures are free. */
export const CLIENT_POLICY: ThrottlePolicy = { freeFailures: 10, baseDelayMs: 1_000, maxDelayMs: 60_000, resetMs: 15 * 60_000 };

/** windowStart is the time of the latest failure; lockedUntil the earliest next attempt. */
export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

/** The delay that follows the given number of consecutive failures. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** Milliseconds before the key's next attempt is examined (0: go ahead). */
export function waitMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/** Whole seconds to wait, rounded up, for the message shown to the person. */
export function secondsToWait(state: ThrottleState | null, now: Date): number {
  return Math.ceil(waitMs(state, now) / 1000);
}

/** The state after one more failed attempt. */
export function recordFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const recent = state && now.getTime() - state.windowStart.getTime() < policy.resetMs;
  const failures = recent ? state.failures + 1 : 1;
  const delay = delayAfter(failures, policy);
  return { failures, windowStart: now, lockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null };
}

/** After this long without a failure a throttle record no longer matters and may be purged. */
export const THROTTLE_MEMORY_MS = Math.max(LOGIN_POLICY.resetMs, CLIENT_POLICY.resetMs);
