import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { SCHOOL_LEVELS } from "~/domain/constants";
import { evaluateSubsidy } from "~/domain/subsidy/evaluate";
import { subsidyPolicyOn } from "~/services/subsidy/policy.server";
import { requirePrincipal } from "~/utils/principal.server";
import { calendarDayField } from "~/utils/forms";
import { readJsonBody } from "~/utils/json-body.server";
import { AppError, errorResponse } from "~/utils/errors.server";

const date = (label: string) => calendarDayField(label, { iso: true });
const months = (label: string) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(600, { error: `${label}不能超过 600` });

const FactsSchema = z.object({
  schoolLevel: z.enum(SCHOOL_LEVELS, { error: `未知的办学层次，可选：${SCHOOL_LEVELS.join("、")}` }),
  graduationDate: date("毕业日期"),
  hireDate: date("入职日期"),
  employerInProvincePark: z.boolean({ error: "employerInProvincePark 必须是 true 或 false" }),
  contractMonths: months("劳动合同月数"),
  insuredMonthsConsecutive: months("连续缴纳社保月数"),
  priorTuitionSubsidy: z.boolean({ error: "priorTuitionSubsidy 必须是 true 或 false" }).default(false),
  priorLivingSubsidy: z.boolean({ error: "priorLivingSubsidy 必须是 true 或 false" }).default(false),
});

/**
 * POST /api/v1/subsidies/evaluate — a dry run of the subsidy rules on facts given in
 * the body, under the policy in force on hireDate. Nothing is stored.
 */
export async function action({ request }: ActionFunctionArgs) {
  try {
    await requirePrincipal(request);
    const facts = await readJsonBody(request, FactsSchema, { invalidCode: "invalid_facts" });
    const policy = await subsidyPolicyOn(facts.hireDate);
    const result = evaluateSubsidy(facts, policy.policy);
    return json({
      tuition: { eligible: result.tuition.eligible, amountFen: result.tuition.amountFen },
      living: { eligible: result.living.eligible, amountFen: result.living.amountFen },
      rules: result.rules.map(({ rule, passed, detail }) => ({ rule, passed, detail })),
      policyVersion: policy.version,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    await requirePrincipal(request);
    throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST 提交待核验的事实" });
  } catch (error) {
    return errorResponse(error);
  }
}
