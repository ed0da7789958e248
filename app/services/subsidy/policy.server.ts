import { dateOf } from "~/domain/subsidy/calendar";
import { SUBSIDY_POLICY_KIND, SubsidyPolicySchema, type SubsidyPolicy } from "~/domain/subsidy/policy";
import { AppError } from "~/utils/errors.server";
import { policyInForce } from "~/utils/policy.server";

export type SubsidyPolicyInForce = { id: number; version: number; effectiveFrom: Date; policy: SubsidyPolicy };

/** The subsidy policy in force on a day ("YYYY-MM-DD"); a bad stored document is refused, not guessed at. */
export async function subsidyPolicyOn(day: string): Promise<SubsidyPolicyInForce> {
  const row = await policyInForce({ kind: SUBSIDY_POLICY_KIND, on: dateOf(day) });
  if (!row) {
    throw new AppError({ status: 422, code: "no_policy", field: "hireDate", message: `${day} 没有生效的补贴政策` });
  }
  const parsed = SubsidyPolicySchema.safeParse(row.data);
  if (!parsed.success) {
    throw new AppError({ status: 500, code: "bad_policy", message: `补贴政策第 ${row.version} 版内容无效`, cause: parsed.error });
  }
  return { id: row.id, version: row.version, effectiveFrom: row.effectiveFrom, policy: parsed.data };
}
