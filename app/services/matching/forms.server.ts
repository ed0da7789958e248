import type { Role } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import { requirePrincipal } from "~/utils/principal.server";
import { requireForm } from "~/utils/csrf.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { attempt } from "~/utils/action-result.server";
import { idParam } from "~/utils/params.server";
import { candidatesForJob, candidatesForOrder, inviteToApply, readCandidateQuery } from "./matching.server";

/**
 * The requests of a job's and an order's candidates (the enterprise's pages and
 * /api/v1/{jobs,orders}/{id}/candidates): one reading of the address and one invite
 * form for both kinds of record.
 */

type CandidateQuery = ReturnType<typeof readCandidateQuery>;

/** The record the candidates are ranked for, named by the address's id. */
const RANKED = {
  job: (principal: Principal, id: string | undefined, query: CandidateQuery) => candidatesForJob({ principal, jobId: idParam(id, "岗位"), ...query }),
  order: (principal: Principal, id: string | undefined, query: CandidateQuery) => candidatesForOrder({ principal, orderId: idParam(id, "订单"), ...query }),
};
export type RankedFor = keyof typeof RANKED;
type Ranked<K extends RankedFor> = Awaited<ReturnType<(typeof RANKED)[K]>>;

/** The candidates of the job or order `id` for a caller with one of `roles`, filtered and paged as the address says. */
export async function candidatesFromRequest<K extends RankedFor>({ request, roles, of, id }: {
  request: Request; roles: readonly Role[]; of: K; id: string | undefined;
}): Promise<Ranked<K>> {
  const principal = await requirePrincipal(request, roles);
  const query = readCandidateQuery(new URL(request.url).searchParams);
  const rank = RANKED[of] as (principal: Principal, id: string | undefined, query: CandidateQuery) => Promise<Ranked<K>>;
  return rank(principal, id, query);
}

/** The API's answer beside the record: the page of ranked candidates and what was left out. */
export function candidatesBody(result: Ranked<RankedFor>) {
  return {
    total: result.total,
    page: result.page,
    perPage: result.pageSize,
    excluded: result.excluded,
    policyVersion: result.policyVersion,
    candidates: result.rows,
  };
}

/**
 * The candidate pages' invite form: the graduate picked in the form is invited to
 * apply; the answer says whether the invitation waits for the graduate to activate an
 * account (§9). A refusal comes back as the form's data; what was done, as the message
 * told after the redirect (ADR 112).
 */
export async function inviteFromForm({ request, of, id }: { request: Request; of: RankedFor; id: string | undefined }) {
  const { principal, form } = await requireForm(request, ["enterprise"]);
  const target = of === "job" ? { jobId: idParam(id, "岗位") } : { orderId: idParam(id, "订单") };
  const graduateId = idParam(form.get("graduateId"), "毕业生");
  const result = await attempt(() => inviteToApply({ principal, graduateId, target }));
  if (!result.ok) return result.response;
  const { graduateName, title, waiting } = result.data;
  const message = waiting
    ? `${graduateName} 待激活：邀请投递「${title}」已记录，将在其激活账号时送达`
    : `已邀请 ${graduateName} 投递「${title}」`;
  return redirectWithFlash(request, message);
}
