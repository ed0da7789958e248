/**
 * Times in China: every instant the application shows, and every "today" it reasons
 * about, is in Asia/Shanghai — UTC+8 all year, without daylight saving — so a fixed
 * offset is exact and needs no time-zone database. The one formatter of times.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const inChina = (instant: Date | string) => new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString();

/** The date in China at an instant ("YYYY-MM-DD"): the day an officer acts on. */
export function chinaDate(instant: Date | string): string {
  return inChina(instant).slice(0, 10);
}

/** An instant to the minute in China: "YYYY-MM-DD HH:MM". */
export function chinaMinute(instant: Date | string): string {
  return inChina(instant).slice(0, 16).replace("T", " ");
}
