import type { Principal } from "~/utils/principal.server";
import { attempt } from "~/utils/action-result.server";
import { idParam } from "~/utils/params.server";
import { inviteToApply } from "./matching.server";

/**
 * The candidate pages' invite form (a job's and an order's): the graduate picked in the
 * form is invited to apply; the answer says whether the invitation waits for the
 * graduate to activate an account (§9). A refusal comes back as the form's data; what
 * was done, as the message the route tells after its redirect (ADR 112).
 */
export async function inviteFromForm({ principal, form, target }: { principal: Principal; form: FormData; target: { jobId: number } | { orderId: number } }) {
  const graduateId = idParam(form.get("graduateId"), "毕业生");
  const result = await attempt(() => inviteToApply({ principal, graduateId, target }));
  if (!result.ok) return result.response;
  const { graduateName, title, waiting } = result.data;
  const message = waiting
    ? `${graduateName} 待激活：邀请投递「${title}」已记录，将在其激活账号时送达`
    : `已邀请 ${graduateName} 投递「${title}」`;
  return { ok: true as const, message };
}
