import { beforeAll, describe, expect, it } from "vitest";
import { noticePeriod } from "~/domain/subsidy/calendar";
import { action as holidaysAction, loader as holidaysLoader } from "~/routes/province.settings.holidays";
import { action as fundAction } from "~/routes/province.settings.fund";
import { trainingFundPolicyOn } from "~/services/fund/training-fund.server";
import { workCalendarFrom } from "~/services/policy/calendar.server";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";
import { createSubsidyPolicy } from "./subsidy-fixtures";

let token = "";
let parkToken = "";

function post(body: Record<string, string>, who = token) {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) form.set(k, v);
  return new Request("http://app/province/settings", { method: "POST", body: form, headers: { Authorization: `Bearer ${who}` } });
}

const SPRING_2027 = ["2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"].map((d) => `${d},休,春节`).join("\n") + "\n2027-02-14,班,春节调休";

beforeAll(async () => {
  const province = await createAccount("ps-province", "province");
  const park = await createAccount("ps-park", "park");
  token = (await createApiToken({ accountId: province.id, name: "政策" })).token;
  parkToken = (await createApiToken({ accountId: park.id, name: "政策" })).token;
  await createSubsidyPolicy(0, "2024-01-01");
  // The loaded table knows 2026 only.
  await prisma.calendarDay.create({ data: { date: new Date("2026-12-31"), isWorkday: false, name: "演示" } });
});

describe("public-holiday calendar per year", () => {
  it("2027 unknown: weekends only; once entered, a notice period computed on or after its effective date follows it", async () => {
    expect(await workCalendarFrom("2027-02-05")).toEqual(new Map());
    const response = (await holidaysAction({ request: post({ year: "2027", effectiveFrom: "2026-12-01", note: "", list: SPRING_2027 }), params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, message: "已发布 2027 年节假日安排第 1 版（8 天），2026-12-01 起施行" });

    const calendar = await workCalendarFrom("2027-02-05");
    expect(noticePeriod({ approvedOn: "2027-02-05", workingDays: 5, calendar })).toEqual({ lastNoticeDay: "2027-02-18", payableFrom: "2027-02-19" });
    // the 2026 table still counts for the end of 2026; a computation dated before the version took effect does not see it
    expect((await workCalendarFrom("2026-11-30")).get("2026-12-31")).toBe(false);
    expect((await workCalendarFrom("2026-11-30")).has("2027-02-08")).toBe(false);
  });

  it("a second version is a new row; the first stays as published", async () => {
    const response = (await holidaysAction({ request: post({ year: "2027", effectiveFrom: "2027-01-15", note: "更正", list: "2027-02-08,休,春节" }), params: {}, context: {} })) as Response;
    expect(await response.json()).toMatchObject({ ok: true });
    const versions = await prisma.policyVersion.findMany({ where: { kind: "holidays:2027" }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, JSON.parse(v.data).days.length])).toEqual([[1, 8], [2, 1]]);
    expect((await workCalendarFrom("2027-01-10")).get("2027-02-10")).toBe(false);
    expect((await workCalendarFrom("2027-02-01")).get("2027-02-10")).toBeUndefined();
  });

  it("a published version is never changed or removed in place, also past the code (database guard, ADR 130)", async () => {
    const first = await prisma.policyVersion.findFirstOrThrow({ where: { kind: "holidays:2027", version: 1 } });
    const refused = /PolicyVersion rows are never/;
    await expect(prisma.policyVersion.update({ where: { id: first.id }, data: { data: JSON.stringify({ days: [] }) } })).rejects.toThrow(refused);
    await expect(prisma.$executeRaw`UPDATE "PolicyVersion" SET "effectiveFrom" = ${new Date("2020-01-01")} WHERE "id" = ${first.id}`).rejects.toThrow(refused);
    await expect(prisma.policyVersion.delete({ where: { id: first.id } })).rejects.toThrow(refused);
    await expect(prisma.$executeRaw`DELETE FROM "PolicyVersion"`).rejects.toThrow(refused);
    expect(await prisma.policyVersion.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);
    expect(await prisma.policyVersion.count({ where: { kind: "holidays:2027" } })).toBe(2);
  });

  it("refuses a bad list line by line, and the notice trial on the page uses the calendars", async () => {
    const response = (await holidaysAction({ request: post({ year: "2027", effectiveFrom: "2027-01-01", note: "", list: "2027-13-01,休\n2026-05-01,休" }), params: {}, context: {} })) as Response;
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.list).toBe("第 1 行：日期“2027-13-01”无效，应为 2027-01-01 这样的格式；第 2 行：2026-05-01 不在 2027 年");
    const page = (await holidaysLoader({ request: new Request("http://app/province/settings/holidays?year=2027&approvedOn=2027-02-05", { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: {} })) as Response;
    // version 2 (in force on 5 February) has only 8 February off
    expect((await page.json()).trial).toMatchObject({ workingDays: 5, lastNoticeDay: "2027-02-15", payableFrom: "2027-02-16" });
  });

  it("only the province may publish", async () => {
    const response = (await holidaysAction({ request: post({ year: "2027", effectiveFrom: "2027-01-01", note: "", list: "2027-01-01,休" }, parkToken), params: {}, context: {} }).catch((e: unknown) => e)) as Response;
    expect(response.status).toBe(403);
  });
});

describe("training-fund policy page", () => {
  it("publishes rate and share typed in percent, due months and the unpaired rule; the fund run reads the version in force", async () => {
    const response = (await fundAction({
      request: post({ effectiveFrom: "2027-01-01", rate: "2.5", shareRatio: "25", dueMonths: "6", unpairedRule: "enterprise_retains", note: "" }),
      params: {},
      context: {},
    })) as Response;
    expect(await response.json()).toMatchObject({ ok: true });
    const policy = await trainingFundPolicyOn(new Date("2027-12-31"));
    expect(policy).toMatchObject({ version: 1, dueMonths: 6, unpairedRule: "enterprise_retains", rate: { numerator: 25n, denominator: 1000n } });
    const bad = (await fundAction({ request: post({ effectiveFrom: "2027-01-01", rate: "120", shareRatio: "x", dueMonths: "6", unpairedRule: "lost", note: "" }), params: {}, context: {} })) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors).toEqual({
      rate: "培训经费提取比例应为 0–100 之间的百分数，例如 2.5",
      shareRatio: "院校分成比例应为 0–100 之间的百分数，例如 2.5",
      unpairedRule: "请选择无对接院校时分成的处理方式",
    });
  });
});
