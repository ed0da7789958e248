import { z } from "zod";
import { ORDER_STATUS_LABELS, ORDER_STATUSES } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import { AppError } from "~/utils/errors.server";
import { moveOrder } from "./postings.server";
import { idField } from "~/utils/forms";

const MoveSchema = z.object({
  to: z.enum(ORDER_STATUSES, { error: "订单状态无效" }),
  cohortId: idField.optional().or(z.literal("").transform(() => undefined)),
});

/**
 * The order-move form both the enterprise's and the college's order pages post; gives
 * back the sentence that tells the person what happened.
 */
export async function moveOrderFromForm({ principal, orderId, form }: { principal: Principal; orderId: number; form: FormData }) {
  const parsed = MoveSchema.safeParse({ to: form.get("to"), cohortId: form.get("cohortId") ?? undefined });
  if (!parsed.success) throw new AppError({ message: "订单状态无效", field: "to" });
  const { to, cohortId } = parsed.data;
  await moveOrder({ principal, orderId, to, cohortId });
  const status = `订单状态已改为「${ORDER_STATUS_LABELS[to]}」`;
  return { message: cohortId ? `已绑定培训班，${status}` : status };
}
