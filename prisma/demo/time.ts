/**
 * Time in the demo data: whole days counted from 1970-01-01 (UTC), and moments on
 * them. Nothing reads the clock: "today" is the fixed reference date.
 */
import type { Random } from "./random";

const DAY_MS = 86_400_000;

/** The day number of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** "Today" of the demo data set. */
export const REFERENCE_DAY = dayOf(2026, 11, 28);

/** A calendar date: UTC midnight, as the data model stores dates. */
export function dateOfDay(day: number): Date {
  return new Date(day * DAY_MS);
}

export function msOfDay(day: number): number {
  return day * DAY_MS;
}

export function dayOfMs(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** A moment during Chinese office hours (08:30–18:00 UTC+8) of the given day. */
export function officeMomentMs(random: Random, day: number): number {
  return day * DAY_MS + (1_800 + random.int(0, 34_200)) * 1000;
}

/** A moment during office hours between two others, held within them. */
export function officeMomentBetweenMs(random: Random, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return toMs;
  const ms = officeMomentMs(random, random.int(dayOfMs(fromMs), dayOfMs(toMs)));
  return Math.min(toMs, Math.max(fromMs, ms));
}
