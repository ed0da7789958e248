/**
 * Times in China: every instant the application shows, and every "today" it reasons
 * about, is in Asia/Shanghai — UTC+8 all year, without daylight saving — so a fixed
 * offset is exact and needs no time-zone database. The one formatter of times.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

type Instant = Date | string | number;

const inChina = (instant: Instant) => new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString();

/**
 * The date in China at an instant ("YYYY-MM-DD"): the day an officer acts on. Also the
 * formatter of calendar dates (stored at UTC midnight, which is the same day in China);
 * no value reads "—".
 */
export function chinaDate(instant: Instant): string;
export function chinaDate(instant: Instant | null | undefined): string;
export function chinaDate(instant: Instant | null | undefined): string {
  return instant === null || instant === undefined || instant === "" ? "—" : inChina(instant).slice(0, 10);
}

/** An instant to the minute in China: "YYYY-MM-DD HH:MM" (every time the application shows); no value reads "—". */
export function chinaMinute(instant: Instant | null | undefined): string {
  return instant === null || instant === undefined || instant === "" ? "—" : inChina(instant).slice(0, 16).replace("T", " ");
}
