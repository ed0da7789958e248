import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { solveExplicitRound } from "~/domain/allocation/deferred-acceptance";
import { MAX_CHOICES } from "~/domain/allocation/round";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, errorResponse } from "~/utils/errors.server";
import { readJsonBody } from "~/utils/json-body.server";

const id = z.union([z.string().min(1).max(60), z.number().int()], { error: "id 必须是字符串或整数" });

const BodySchema = z.object({
  orders: z
    .array(
      z.object({
        id,
        capacity: z.number({ error: "capacity 必须是非负整数" }).int({ error: "capacity 必须是非负整数" }).min(0, { error: "capacity 必须是非负整数" }).max(100_000, { error: "capacity 不能超过 100000" }),
        ranking: z.array(id, { error: "ranking 必须是毕业生 id 的数组（最优先在前）" }).max(100_000, { error: "ranking 最多 100000 项" }),
      }),
      { error: "orders 必须是数组" },
    )
    .max(20_000, { error: "一次最多 20000 个订单" }),
  graduates: z
    .array(
      z.object({
        id,
        preferences: z.array(id, { error: "preferences 必须是订单 id 的数组（最想去的在前）" }).max(MAX_CHOICES, { error: `每人最多 ${MAX_CHOICES} 个志愿` }),
      }),
      { error: "graduates 必须是数组" },
    )
    .max(100_000, { error: "一次最多 100000 名毕业生" }),
});

const duplicate = <T,>(values: readonly T[]) => {
  const seen = new Set<T>();
  return values.find((v) => (seen.has(v) ? true : (seen.add(v), false)));
};

/**
 * POST /api/v1/allocation/solve — a dry run of the round's algorithm
 * (graduate-proposing deferred acceptance) on explicit rankings. Nothing is stored.
 */
export async function action({ request }: ActionFunctionArgs) {
  try {
    await requirePrincipal(request);
    const body = await readJsonBody(request, BodySchema);
    const orderDup = duplicate(body.orders.map((o) => o.id));
    if (orderDup !== undefined) throw new AppError({ code: "invalid_body", field: "orders", message: `订单 id ${orderDup} 重复` });
    const graduateDup = duplicate(body.graduates.map((g) => g.id));
    if (graduateDup !== undefined) throw new AppError({ code: "invalid_body", field: "graduates", message: `毕业生 id ${graduateDup} 重复` });
    const orderIds = new Set(body.orders.map((o) => o.id));
    for (const [i, g] of body.graduates.entries()) {
      const unknown = g.preferences.find((o) => !orderIds.has(o));
      if (unknown !== undefined) throw new AppError({ code: "invalid_body", field: `graduates.${i}.preferences`, message: `志愿中的订单 ${unknown} 不在 orders 中` });
      const dup = duplicate(g.preferences);
      if (dup !== undefined) throw new AppError({ code: "invalid_body", field: `graduates.${i}.preferences`, message: `订单 ${dup} 在志愿中出现两次` });
    }
    const result = solveExplicitRound(body);
    return json({ assignments: Object.fromEntries([...result].map(([g, o]) => [String(g), o])) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    await requirePrincipal(request);
    throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST 提交订单与志愿" });
  } catch (error) {
    return errorResponse(error);
  }
}
