import { json } from "@remix-run/node";
import { z } from "zod";
import { PLACEMENT_END_REASONS } from "~/domain/constants";
import { calendarDayField } from "~/utils/forms";
import { AppError, errorResponse } from "~/utils/errors.server";

/**
 * The employment-lifecycle API (/api/v1/applications…, /api/v1/placements…): each
 * call checks role (here) and scope (in the service, as the pages do). A refused step
 * is the service's 409 `{"error":{code,message}}`; bad input a 400 naming the field.
 */

/** Runs one lifecycle call (which starts with requirePrincipal); every error becomes the JSON error body. */
export async function lifecycleCall(run: () => Promise<unknown>, status = 200) {
  try {
    return json(await run(), { status });
  } catch (error) {
    return errorResponse(error);
  }
}

/** A calendar date in a JSON body, read by the one strict parser (YYYY-MM-DD only). */
const apiDate = (label: string) => calendarDayField(label, { iso: true });
const apiInteger = (label: string, min: number, max: number) =>
  z.number({ error: `${label}必须是整数` }).int({ error: `${label}必须是整数` }).min(min, { error: `${label}不能小于 ${min}` }).max(max, { error: `${label}不能大于 ${max}` });
const apiId = (label: string) => apiInteger(label, 1, Number.MAX_SAFE_INTEGER);

export const ApplyBodySchema = z.union(
  [z.object({ jobId: apiId("jobId") }).strict(), z.object({ orderId: apiId("orderId") }).strict()],
  { error: "请提供 jobId 或 orderId（二选一）" },
);

export const OfferBodySchema = z.object({
  startDate: apiDate("入职日期"),
  monthlyWageFen: apiInteger("monthlyWageFen（月薪，分）", 1, 100_000_000),
  contractMonths: apiInteger("contractMonths（劳动合同月数）", 1, 120),
  replyBy: apiDate("答复期限"),
});

export const EndBodySchema = z.object({
  endedOn: apiDate("离职日期"),
  endReason: z.enum(PLACEMENT_END_REASONS, { error: `endReason 应为：${PLACEMENT_END_REASONS.join("、")}` }),
});

/** A call that takes no body must still be a POST. */
export function requirePost(request: Request) {
  if (request.method !== "POST") throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST" });
}
