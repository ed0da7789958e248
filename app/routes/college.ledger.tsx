import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { LedgerSummary } from "~/components/fund-ledger";
import { Pager } from "~/components/list-controls";
import { chinaDate } from "~/domain/china-time";
import { SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS } from "~/domain/fund/settlement";
import { formatYuan } from "~/domain/money";
import { getCollegeLedger, recordSpending } from "~/services/fund/ledger.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { SpendingSchema } from "~/services/fund/schemas";
import { importColumnsOf, startImportFromForm } from "~/services/registry/imports.server";
import { ImportFileForm } from "~/components/import-form";
import { PAGE_SIZE } from "~/utils/list-query";
import { requirePrincipal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";

export const meta: MetaFunction = () => [{ title: "专款专用台账 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const collegeId = requireActor(principal, "college");
    const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(new URL(request.url).searchParams.get("page") ?? undefined);
    return json({ ...(await getCollegeLedger({ principal, collegeId, page })), importColumns: importColumnsOf("ledger_entries") });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    if (form.get("intent") === "import") {
      const started = await attempt(() => startImportFromForm({ principal, kind: "ledger_entries", form }));
      if (!started.ok) return started.response;
      return redirectWithFlash(request, "文件已上传，检查结果见本页", { to: `/imports/${started.data}` });
    }
    const parsed = parseFields(SpendingSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { entryOn, category, amount, purpose, attachmentRef } = parsed.data;
    const done = await attempt(() => recordSpending({ principal, input: { entryOn, category, amountFen: amount, purpose, attachmentRef } }));
    if (!done.ok) return done.response;
    return redirectWithFlash(request, `已登记支出 ${formatYuan(amount)}，专款余额 ${formatYuan(done.data.balanceFen)}`);
  });
}

export default function CollegeLedgerPage() {
  const ledger = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 专款专用</p>
        <h1>{ledger.college.name}专款专用台账</h1>
        <p className="muted">院校分成确认到账后计入收入；每笔支出须写明类别、用途并可附凭证编号，余额不能为负。</p>
      </header>
      <LedgerSummary ledger={ledger} />
      <section className="panel stack">
        <h2>登记支出</h2>
        {result && !result.ok && result.formError ? <p className="field-error" role="alert">{result.formError}</p> : null}
        <Form method="post" className="stack">
          <CsrfInput />
          <Field label="支出日期" name="entryOn" type="date" required defaultValue={chinaDate(new Date())} error={errors.entryOn} />
          <div className="field">
            <label htmlFor="spend-category">支出类别</label>
            <select id="spend-category" name="category" required aria-invalid={errors.category ? true : undefined}>
              {SPENDING_CATEGORIES.map((c) => (
                <option key={c} value={c}>{SPENDING_CATEGORY_LABELS[c]}</option>
              ))}
            </select>
            {errors.category ? <p className="field-error" role="alert">{errors.category}</p> : null}
          </div>
          <Field label="支出金额（元）" name="amount" inputMode="decimal" required error={errors.amount} />
          <Field label="用途" name="purpose" required maxLength={200} error={errors.purpose} />
          <Field label="附件编号（合同、发票等，选填）" name="attachmentRef" maxLength={200} error={errors.attachmentRef} />
          <button type="submit" className="button button-primary" disabled={busy}>登记支出</button>
        </Form>
      </section>
      <ImportFileForm kind="ledger_entries" label="专款支出" columns={ledger.importColumns} error={errors.file} />
      <Pager page={Number(params.get("page") ?? 1)} total={ledger.total} pageSize={PAGE_SIZE} />
    </div>
  );
}
