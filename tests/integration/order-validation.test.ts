import { beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "~/domain/china-time";
import { addCalendarDays, dateOf } from "~/domain/subsidy/calendar";
import { createOrder, getOrder, moveOrder } from "~/services/labour/postings.server";
import { createCohort } from "~/services/labour/cohorts.server";
import { CohortSchema, OrderSchema } from "~/services/labour/schemas";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { parseFields } from "~/utils/forms";
import { buildRegistry } from "./fixtures";
import { principalOf, seedMajors, thrown } from "./labour-fixtures";

/** Orders as product.md §10 bounds them: start date, minimum wage, and the cohort a college binds. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let enterprise: Principal;
let college: Principal;
const today = chinaDate(new Date());

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  await prisma.major.create({ data: { code: "460101", name: "机械设计与制造", classCode: "4601", level: "高职" } });
  enterprise = await principalOf("hr-orders", "enterprise", { enterpriseId: registry.enterprise.id });
  college = await principalOf("college-orders", "college", { collegeId: registry.college.id });
});

const orderInput = (startDate: string, wageFen = 500_000) => ({
  title: "数控订单班", majorCode: "460103", skillTags: [], skillLevel: 4, quantity: 2, startDate: dateOf(startDate), wageFen, collegeId: undefined,
});

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("placing an order", () => {
  it("takes a start up to 30 days before today and refuses one a day earlier, naming the field", async () => {
    await expect(createOrder({ principal: enterprise, input: orderInput(addCalendarDays(today, -30)) })).resolves.toMatchObject({ status: "draft" });
    const early = await thrown(createOrder({ principal: enterprise, input: orderInput(addCalendarDays(today, -31)) }));
    expect(early).toMatchObject({ status: 400, field: "startDate", message: `开始日期不能早于 ${addCalendarDays(today, -30)}（下单前 30 天）` });
  });

  it("refuses a wage under the minimum wage of the labour policy in force", async () => {
    const low = await thrown(createOrder({ principal: enterprise, input: orderInput(addCalendarDays(today, 10), 160_000) }));
    expect(low).toMatchObject({ status: 400, field: "wageFen", message: "月薪不能低于最低工资标准 ¥1,610" });
  });

  it.each([
    ["2026-02-30", "开始日期「2026-02-30」不是日历上的日期"],
    ["0000-01-01", "开始日期的年份应在 1900—2100 之间"],
    ["9999-12-31", "开始日期的年份应在 1900—2100 之间"],
  ])("refuses the typed start %s in the form with the date parser's reason", (startDate, reason) => {
    const parsed = parseFields(OrderSchema, form({ title: "订单", majorCode: "460103", skillLevel: "4", quantity: "2", startDate, wageFen: "5000" }));
    expect(parsed).toEqual({ ok: false, fieldErrors: { startDate: reason } });
  });

  it.each(["1e2", "0x10", "2.0"])("refuses the quantity written %s", (quantity) => {
    const parsed = parseFields(OrderSchema, form({ title: "订单", majorCode: "460103", skillLevel: "4", quantity, startDate: today, wageFen: "5000" }));
    expect(parsed).toEqual({ ok: false, fieldErrors: { quantity: "需求人数应为整数" } });
  });
});

describe("binding a cohort when a college takes an order", () => {
  async function openOrder() {
    const o = await createOrder({ principal: enterprise, input: orderInput(addCalendarDays(today, 60)) });
    await moveOrder({ principal: enterprise, orderId: o.id, to: "open" });
    return o;
  }
  const cohortOf = (majorCode: string) =>
    prisma.cohort.create({ data: { collegeId: registry.college.id, majorCode, level: "高职", size: 30, expectedGraduation: new Date("2027-06-30"), skillsTaught: "[]", targetSkillLevel: 4 } });

  it("refuses a cohort of another class and leaves the order open", async () => {
    const o = await openOrder();
    const software = await cohortOf("510203");
    const refused = await thrown(moveOrder({ principal: college, orderId: o.id, to: "contracted", cohortId: software.id }));
    expect(refused).toMatchObject({ status: 400, field: "cohortId", message: "所选培训班的专业与订单专业不同，也不属于同一专业类，不能绑定" });
    expect(await getOrder({ principal: enterprise, orderId: o.id })).toMatchObject({ status: "open", cohort: null });
  });

  it.each([["460101", "another major of the class"], ["660103", "the 中职 major of the class"]])("binds a cohort of %s (%s)", async (majorCode) => {
    const o = await openOrder();
    const cohort = await cohortOf(majorCode);
    await moveOrder({ principal: college, orderId: o.id, to: "contracted", cohortId: cohort.id });
    expect(await getOrder({ principal: enterprise, orderId: o.id })).toMatchObject({ status: "contracted", cohort: { id: cohort.id } });
  });
});

describe("cohorts' expected graduation", () => {
  it("must lie within five years of today", async () => {
    const far = addCalendarDays(today, 6 * 366);
    const parsed = parseFields(CohortSchema, form({ majorCode: "460103", level: "高职", size: "30", expectedGraduation: far, skillsTaught: "", targetSkillLevel: "4" }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.fieldErrors.expectedGraduation).toMatch(/^预计毕业日期应在 .* 之间（今天前后 5 年内）$/);
    const ok = parseFields(CohortSchema, form({ majorCode: "460103", level: "高职", size: "30", expectedGraduation: addCalendarDays(today, 200), skillsTaught: "", targetSkillLevel: "4" }));
    expect(ok.ok).toBe(true);
    if (ok.ok) await expect(createCohort({ principal: college, input: ok.data })).resolves.toBeTruthy();
  });
});
