import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OpenRoundForm, RoundList } from "~/components/allocation";
import { listRounds, roundOrderChoices } from "~/services/allocation/rounds.server";
import { allocationAdminArea, openRoundFromForm } from "~/services/allocation/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

/** The province's and the parks' rounds: app/routes/park.allocation.tsx serves this module under /park. */
export const meta: MetaFunction = () => [{ title: "定向分配 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const { role, basePath } = allocationAdminArea(request);
    const principal = await requirePrincipal(request, [role]);
    const [rounds, choices] = await Promise.all([listRounds({ principal }), roundOrderChoices({ principal })]);
    return json({ rounds, choices, basePath });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { role, basePath } = allocationAdminArea(request);
    const { principal, form } = await requireForm(request, [role]);
    return openRoundFromForm({ principal, form, basePath });
  });
}

export default function AllocationRoundsPage() {
  const { rounds, choices, basePath } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>定向分配</h1>
      <p className="muted">
        选定一批发布中的订单并设定截止时间；毕业生在截止前按意愿填报最多 10 个订单；截止时（或立即）按毕业生提议的延迟接受算法分配，企业一方按匹配分排序，同分按抽签号。
      </p>
      <RoundList rounds={rounds} basePath={basePath} />
      <OpenRoundForm
        choices={choices}
        error={failure && "formError" in failure ? failure.formError : null}
        fieldErrors={failure && "fieldErrors" in failure ? failure.fieldErrors : {}}
      />
    </div>
  );
}
