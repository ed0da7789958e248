import { redirect } from "@remix-run/node";
import type { Principal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { AppError } from "~/utils/errors.server";
import { MAX_CHOICES, RESULT_PAGE_SIZE } from "~/domain/allocation/round";
import { publishRound, openRound, OpenRoundSchema, roundResults, runRoundNow, savePreferences } from "./rounds.server";
import { optionalIdParam } from "~/utils/params.server";
import { fieldErrorsOf } from "~/utils/forms";

/**
 * The pages' forms for allocation rounds: parse, call the service, answer with data for
 * the form (a refusal), a redirect, or the message the route tells after its redirect (ADR 112).
 */

export async function openRoundFromForm({ principal, form, basePath }: { principal: Principal; form: FormData; basePath: string }) {
  const parsed = OpenRoundSchema.safeParse({ title: form.get("title"), deadline: form.get("deadline") ?? undefined, orderIds: form.getAll("orderIds") });
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error.issues));
  const result = await attempt(() => openRound({ principal, input: parsed.data }));
  if (!result.ok) return result.response;
  return redirect(`${basePath}/${result.data.roundId}${result.data.scheduled ? "" : "?unscheduled=1"}`);
}

export function readResultsQuery(url: URL) {
  const page = Math.max(1, Math.min(100_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const view = url.searchParams.get("view") === "unmatched" ? ("unmatched" as const) : ("matched" as const);
  return { page, view, pageSize: RESULT_PAGE_SIZE };
}

export function loadRoundResults({ principal, roundId, url }: { principal: Principal; roundId: number; url: URL }) {
  const { page, view } = readResultsQuery(url);
  return roundResults({ principal, roundId, page, view });
}

/** run or publish, from a round's page. */
export async function roundIntentFromForm({ principal, roundId, form }: { principal: Principal; roundId: number; form: FormData }) {
  const intent = form.get("intent");
  const result = await attempt(async () => {
    if (intent === "run") {
      const outcome = await runRoundNow({ principal, roundId });
      return outcome.status === "solved" ? `分配完成：${outcome.matched} 人获得分配，${outcome.unmatched} 人未分配。请核对后发布。` : "该轮次已分配";
    }
    if (intent === "publish") {
      const outcome = await publishRound({ principal, roundId });
      return `结果已发布：发出 ${outcome.offers} 份录用通知，${outcome.unmatched} 人未分配，均已通知。`;
    }
    throw new AppError({ message: "未知的操作" });
  });
  if (!result.ok) return result.response;
  return { ok: true as const, message: result.data };
}

/** A graduate's ranked choices: the selects choice1 … choice10, blanks skipped. */
export async function preferencesFromForm({ principal, roundId, form }: { principal: Principal; roundId: number; form: FormData }) {
  const orderIds: number[] = [];
  for (let i = 1; i <= MAX_CHOICES; i++) {
    const raw = form.get(`choice${i}`);
    if (typeof raw !== "string" || raw === "") continue;
    const id = optionalIdParam(raw);
    if (id === undefined) return invalid({ [`choice${i}`]: "请选择有效的订单" });
    orderIds.push(id);
  }
  const result = await attempt(() => savePreferences({ principal, roundId, orderIds }));
  if (!result.ok) return result.response;
  return { ok: true as const, message: result.data.saved === 0 ? "已清空志愿" : `已保存 ${result.data.saved} 个志愿` };
}

/**
 * Rounds are run by the province and by parks on the same pages under their own area
 * (/province/allocation, /park/allocation): the area of the address is the role required.
 */
export function allocationAdminArea(request: Request): { role: "province" | "park"; basePath: string } {
  const role = new URL(request.url).pathname.split("/")[1] === "park" ? "park" : "province";
  return { role, basePath: `/${role}/allocation` };
}
