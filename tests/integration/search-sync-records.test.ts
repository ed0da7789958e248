import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pb-test-${process.pid}-${Date.now()}`;
});

import { searchEngine } from "../../search/engine.server";
import { INDEXES } from "../../search/settings";
import { deliverSearchChanges } from "../../search/sync.server";
import type { Filter, IndexName } from "../../search/types";
import { applyTo, hireApplicant } from "~/services/labour/applications.server";
import { createCohort } from "~/services/labour/cohorts.server";
import { addCertificate, updateOwnProfile } from "~/services/labour/graduates.server";
import { createOrder, moveOrder } from "~/services/labour/postings.server";
import { recordForm, saveRecord } from "~/services/registry/registry.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { buildRegistry, createGraduate } from "./fixtures";
import { offerAccepted, principalOf, seedMajors } from "./labour-fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let enterprise: Principal;
let college: Principal;
let graduateId: number;
let graduate: Principal;

/** What the index answers, after the outbox has been delivered as the worker delivers it. */
async function found(index: IndexName, q: string, filters: Filter[] = []): Promise<number[]> {
  await deliverSearchChanges({ engine: searchEngine() });
  const result = await searchEngine().search(INDEXES[index], { q, filters });
  return result.hits.map((hit) => hit.document.id);
}

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  enterprise = await principalOf("hr", "enterprise", { enterpriseId: registry.enterprise.id });
  college = await principalOf("college", "college", { collegeId: registry.college.id });
  const g = await createGraduate(registry.college.id, "李焊");
  await prisma.graduate.update({ where: { id: g.id }, data: { majorCode: "460103" } });
  graduateId = g.id;
  graduate = await principalOf("grad", "graduate", { graduateId });
});

// Matching (issue 6) retrieves orders and graduates through the index: every write that
// changes one must reach it, as job postings do.
describe("orders, cohorts and graduates reach their search indexes", () => {
  let orderId: number;

  it("keeps a draft order out of the index and indexes it once it is open", async () => {
    const order = await createOrder({
      principal: enterprise,
      input: { title: "工业机器人运维订单班", majorCode: "460103", skillTags: ["机器人"], skillLevel: 4, quantity: 1, startDate: new Date("2027-03-01T00:00:00Z"), wageFen: 500_000, collegeId: undefined },
    });
    orderId = order.id;
    await expect(found("orders", "工业机器人")).resolves.toEqual([]);
    await moveOrder({ principal: enterprise, orderId, to: "open" });
    await expect(found("orders", "工业机器人", [{ field: "status", anyOf: ["open"] }])).resolves.toEqual([orderId]);
  });

  it("indexes a college's new cohort", async () => {
    const cohort = await createCohort({
      principal: college,
      input: { majorCode: "460103", level: "高职", size: 40, expectedGraduation: new Date("2027-06-30T00:00:00Z"), trainingBaseId: undefined, skillsTaught: ["激光焊接"], targetSkillLevel: 4 },
    });
    await expect(found("cohorts", "激光焊接")).resolves.toEqual([cohort.id]);
  });

  it("indexes a graduate's profile and certificates as the graduate edits them", async () => {
    await expect(found("graduates", "焊接机器人")).resolves.toEqual([]);
    await updateOwnProfile({ principal: graduate, input: { skillTags: ["焊接机器人"], preferredCities: ["360100"], willingToRelocate: true } });
    await expect(found("graduates", "焊接机器人")).resolves.toEqual([graduateId]);
    await addCertificate({ principal: graduate, input: { name: "电工", level: 3, issuedAt: new Date("2026-06-01T00:00:00Z") } });
    await expect(found("graduates", "", [{ field: "skillLevel", anyOf: [3] }])).resolves.toEqual([graduateId]);
  });

  it("marks the graduate placed and the order's last place taken in the index when the graduate is hired", async () => {
    const application = await applyTo({ principal: graduate, target: { orderId } });
    await offerAccepted(enterprise, application.id);
    await hireApplicant({ principal: enterprise, applicationId: application.id });
    await expect(found("graduates", "", [{ field: "status", anyOf: ["available"] }])).resolves.toEqual([]);
    await expect(found("graduates", "", [{ field: "status", anyOf: ["placed"] }])).resolves.toEqual([graduateId]);
    const [hit] = (await searchEngine().search(INDEXES.orders, { q: "工业机器人" })).hits;
    expect(hit?.document.quantityOpen).toBe(0);
  });

  it("re-indexes an employer's orders when the enterprise is renamed in the registry", async () => {
    const province = await principalOf("province", "province");
    const { values } = await recordForm({ principal: province, kind: "enterprises", id: registry.enterprise.id });
    const form = new FormData();
    for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) form.append(name, v);
    form.set("name", "赣江智造装备有限公司");
    const saved = await saveRecord({ principal: province, kind: "enterprises", id: registry.enterprise.id, form });
    expect(saved.ok).toBe(true);
    await expect(found("orders", "赣江智造")).resolves.toEqual([orderId]);
  });

  it("re-indexes a college's graduates and cohorts when the college is renamed", async () => {
    const province = await principalOf("province-2", "province");
    const { values } = await recordForm({ principal: province, kind: "colleges", id: registry.college.id });
    const form = new FormData();
    for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) form.append(name, v);
    form.set("name", "江西赣鄱智能制造职业技术学院");
    const saved = await saveRecord({ principal: province, kind: "colleges", id: registry.college.id, form });
    expect(saved.ok).toBe(true);
    await expect(found("graduates", "赣鄱智能")).resolves.toEqual([graduateId]);
    await expect(found("cohorts", "赣鄱智能")).resolves.toHaveLength(1);
  });
});
