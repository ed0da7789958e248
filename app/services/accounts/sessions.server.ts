import { THROTTLE_MEMORY_MS } from "~/domain/auth/sign-in-delay";
import { prisma } from "~/utils/db.server";

/**
 * Deletes sessions past their expiry and throttle records whose last failure and delay
 * have both ended. Idempotent: a retry finds nothing more to delete.
 */
export async function purgeExpiredSessions({ now }: { now: Date }) {
  const staleBefore = new Date(now.getTime() - THROTTLE_MEMORY_MS);
  const [sessions, throttles] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.loginThrottle.deleteMany({
      where: { windowStart: { lt: staleBefore }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    }),
  ]);
  return { sessions: sessions.count, throttles: throttles.count };
}
