import { CITIES, COUNTIES } from "~/domain/geo/divisions";
import type { Principal } from "~/utils/principal.server";
import { editableParkScope } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import type { Option, Section } from "./types";
import { chinaDate } from "~/domain/china-time";

export const day = (date: Date | null | undefined) => chinaDate(date);
export const period = (start: Date, end: Date | null) => `${day(start)} 至 ${end ? day(end) : "今"}`;

/** 在期: started on or before `now` and not yet ended. */
export function currentPairingWhere(now = new Date()): Prisma.PairingWhereInput {
  return { startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] };
}

export function isCurrent(start: Date, end: Date | null, now = new Date()): boolean {
  return start <= now && (end === null || end >= now);
}

type PairingRow = { id: number; startDate: Date; endDate: Date | null };

/** A park's or a college's pairings as a detail page's section, each row naming the other side. */
export function pairingSection(
  other: { key: "park" | "college"; label: string },
  pairings: readonly (PairingRow & { name: string })[],
): Section {
  return {
    title: `对接${other.label}`,
    empty: `暂无对接${other.label}`,
    columns: [
      { key: other.key, label: other.label },
      { key: "period", label: "对接期限" },
      { key: "status", label: "状态" },
    ],
    rows: pairings.map((x) => ({
      id: x.id,
      href: `/registries/pairings/${x.id}`,
      cells: { [other.key]: x.name, period: period(x.startDate, x.endDate), status: isCurrent(x.startDate, x.endDate) ? "在期" : "已到期" },
    })),
  };
}

export const cityOptions = (): Option[] => CITIES.map((c) => ({ value: c.code, label: c.name }));
export const countyOptions = (): Option[] =>
  COUNTIES.map((c) => ({ value: c.code, label: `${CITIES.find((x) => x.code === c.cityCode)?.name ?? ""} · ${c.name}` }));
export const labelledOptions = (values: readonly string[], labels?: Record<string, string>): Option[] =>
  values.map((v) => ({ value: v, label: labels?.[v] ?? v }));

export async function parkOptions(where: Prisma.ParkWhereInput = {}): Promise<Option[]> {
  const parks = await prisma.park.findMany({ where, select: { id: true, name: true }, orderBy: { nameSort: "asc" } });
  return parks.map((p) => ({ value: String(p.id), label: p.name }));
}

export async function collegeOptions(where: Prisma.CollegeWhereInput = {}): Promise<Option[]> {
  const colleges = await prisma.college.findMany({ where, select: { id: true, name: true }, orderBy: { nameSort: "asc" } });
  return colleges.map((c) => ({ value: String(c.id), label: c.name }));
}

/** Refuses a record that would hang from a park the principal does not manage. */
export async function assertParkEditable(principal: Principal, parkId: number, field = "parkId"): Promise<void> {
  const count = await prisma.park.count({ where: { AND: [{ id: parkId }, editableParkScope(principal)] } });
  if (count === 0) throw new AppError({ message: "只能在本园区范围内登记", status: 403, code: "forbidden", field });
}

export function fieldError(field: string, message: string): AppError {
  return new AppError({ message, field, code: "invalid" });
}

/** The ids of the parks a principal manages, for checking many imported rows at once. */
export async function editableParkIds(principal: Principal): Promise<Set<number>> {
  const parks = await prisma.park.findMany({ where: editableParkScope(principal), select: { id: true } });
  return new Set(parks.map((p) => p.id));
}

/** Looks a name or code up in a map and reports an unknown one. */
export function lookUp<T>(map: Map<string, T>, raw: string | undefined, what: string, problems: { field?: string; reason: string }[], field: string): T | undefined {
  const text = (raw ?? "").trim();
  if (!text) return undefined;
  const found = map.get(text);
  if (found === undefined) problems.push({ field, reason: `${what}“${text}”不存在` });
  return found;
}

/** Cities by code, full name and short name (南昌市, 南昌, 360100). */
export function cityLookup(): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of CITIES) {
    map.set(c.code, c.code);
    map.set(c.name, c.code);
    map.set(c.name.replace(/市$/, ""), c.code);
  }
  return map;
}

/** The first of 示例X, 示例X2, 示例X3 … that is not taken: an import template's example stays importable. */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!taken.has(name)) return name;
  }
}

/** The first editable park (by id) of the principal, for an import template's example row. */
export async function firstEditablePark(principal: Principal): Promise<{ id: number; name: string } | null> {
  const ids = [...(await editableParkIds(principal))].sort((a, b) => a - b);
  if (!ids.length) return null;
  return prisma.park.findUnique({ where: { id: ids[0]! }, select: { id: true, name: true } });
}
