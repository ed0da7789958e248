import { beforeAll, describe, expect, it } from "vitest";
import { action } from "~/routes/api.v1.subsidies.evaluate";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { createAccount } from "./fixtures";
import { createSubsidyPolicy } from "./subsidy-fixtures";

let token: string;

beforeAll(async () => {
  await createSubsidyPolicy(1, "2024-01-01");
  await createSubsidyPolicy(2, "2026-09-01", { tuitionFen: { 高职: 350000, 中职: 200000 } });
  const account = await createAccount("api-enterprise", "enterprise");
  token = (await createApiToken({ accountId: account.id, name: "测试" })).token;
});

const FACTS = {
  schoolLevel: "高职",
  graduationDate: "2025-06-30",
  hireDate: "2026-07-15",
  employerInProvincePark: true,
  contractMonths: 12,
  insuredMonthsConsecutive: 7,
  priorTuitionSubsidy: false,
  priorLivingSubsidy: false,
};

async function evaluate(body: unknown, auth = true) {
  const request = new Request("http://app/api/v1/subsidies/evaluate", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(auth ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = (await action({ request, params: {}, context: {} })) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/v1/subsidies/evaluate", () => {
  it("answers both subsidies, every rule and the policy version in force on the hire date", async () => {
    const { status, body } = await evaluate(FACTS);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tuition: { eligible: true, amountFen: 300000 },
      living: { eligible: true, amountFen: 300000 },
      policyVersion: 1,
    });
    expect((body.rules as { rule: string; passed: boolean; detail: string }[]).map((r) => r.rule)).toHaveLength(7);
    const later = await evaluate({ ...FACTS, hireDate: "2026-09-01" });
    expect(later.body).toMatchObject({ tuition: { amountFen: 350000 }, policyVersion: 2 });
  });

  it("explains a refusal rule by rule", async () => {
    const { body } = await evaluate({ ...FACTS, contractMonths: 11, priorLivingSubsidy: true });
    expect(body).toMatchObject({ tuition: { eligible: false, amountFen: 0 }, living: { eligible: false, amountFen: 0 } });
    const failed = (body.rules as { rule: string; passed: boolean; detail: string }[]).filter((r) => !r.passed);
    expect(failed.map((r) => r.rule)).toEqual(["contract_months", "no_prior_living"]);
    expect(failed[0]?.detail).toBe("劳动合同期限 11 个月，少于 12 个月");
  });

  it.each([
    ["a date that does not exist", { graduationDate: "2026-02-30" }, "graduationDate"],
    ["a date in another format", { hireDate: "2026/07/15" }, "hireDate"],
    ["negative months", { contractMonths: -1 }, "contractMonths"],
    ["fractional months", { insuredMonthsConsecutive: 2.5 }, "insuredMonthsConsecutive"],
    ["an unknown level", { schoolLevel: "本科" }, "schoolLevel"],
    ["a flag that is not a boolean", { employerInProvincePark: "yes" }, "employerInProvincePark"],
  ])("refuses %s with a 400 naming the field", async (_name, change, field) => {
    const { status, body } = await evaluate({ ...FACTS, ...change });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "invalid_facts", field } });
    expect((body.error as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses a body that is not JSON, a hire date without a policy, and a caller without a token", async () => {
    expect((await evaluate("{not json")).body).toMatchObject({ error: { code: "bad_json" } });
    const early = await evaluate({ ...FACTS, hireDate: "2023-07-01", graduationDate: "2023-06-30" });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ error: { code: "no_policy", field: "hireDate" } });
    expect((await evaluate(FACTS, false)).status).toBe(401);
  });
});
