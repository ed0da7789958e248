import { recordFailure, secondsToWait, type ThrottlePolicy } from "~/domain/auth/sign-in-delay";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";

/** A throttle key and the policy its failures follow (ADR 007). */
export type ThrottleKey = { key: string; policy: ThrottlePolicy };

/** Refuses the attempt, unexamined, while any of its keys is still waiting out a delay. */
export async function refuseWhileDelayed(keys: readonly ThrottleKey[], now = new Date()): Promise<void> {
  if (keys.length === 0) return;
  const states = await prisma.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const seconds = Math.max(0, ...states.map((s) => secondsToWait(s, now)));
  if (seconds > 0) {
    throw new AppError({ status: 429, code: "throttled", field: "password", message: `尝试过于频繁，请 ${seconds} 秒后再试` });
  }
}

export async function recordFailures(keys: readonly ThrottleKey[], now = new Date()): Promise<void> {
  for (const { key, policy } of keys) {
    const next = recordFailure(await prisma.loginThrottle.findUnique({ where: { key } }), now, policy);
    await prisma.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  }
}

export async function clearThrottles(keys: readonly string[]): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: { in: [...keys] } } });
}
