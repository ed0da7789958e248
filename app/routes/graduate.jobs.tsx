import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { ApplicationStatusBadge, dateText, FormError, skillLevelText } from "~/components/labour";
import { PageLinks } from "~/components/page-links";
import { remainingPlaces } from "~/domain/labour/order-status";
import { formatYuan } from "~/domain/money";
import { applyTo } from "~/services/labour/applications.server";
import { listOpenJobs, listRecruitingOrders } from "~/services/labour/postings.server";
import { requireForm, requirePrincipal } from "~/utils/access.server";
import { attempt } from "~/utils/action-result.server";
import { AppError, handled } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "找工作 · 园校通" }];

const ApplySchema = z.union([
  z.object({ jobId: z.coerce.number().int().positive() }),
  z.object({ orderId: z.coerce.number().int().positive() }),
]);

export const loader = handled(async ({ request }: LoaderFunctionArgs) => {
  const principal = await requirePrincipal(request, ["graduate"]);
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") === "order" ? "order" : "job";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 40);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  return json({
    kind,
    q,
    jobs: kind === "job" ? await listOpenJobs({ principal, q, page }) : null,
    orders: kind === "order" ? await listRecruitingOrders({ principal, q, page }) : null,
  });
});

export const action = handled(async ({ request }: ActionFunctionArgs) => {
  const { principal, form } = await requireForm(request, ["graduate"]);
  const fields = form.get("jobId") ? { jobId: form.get("jobId") } : { orderId: form.get("orderId") };
  const parsed = ApplySchema.safeParse(fields);
  if (!parsed.success) throw new AppError({ message: "请选择要申请的岗位或订单" });
  const result = await attempt(() => applyTo({ principal, target: parsed.data }));
  if (!result.ok) return result.response;
  return json({ ok: true as const, formError: null, applicationId: result.data.id });
});

export default function JobsPage() {
  const { kind, q, jobs, orders } = useLoaderData<typeof loader>();
  const list = jobs ?? orders!;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const isOrders = kind === "order";
  return (
    <div className="stack">
      <h1>找工作</h1>
      <nav className="actions" aria-label="类别">
        <Link to="?kind=job" className={`button ${isOrders ? "" : "button-primary"}`}>
          园区岗位
        </Link>
        <Link to="?kind=order" className={`button ${isOrders ? "button-primary" : ""}`}>
          订单培训
        </Link>
      </nav>
      <Form method="get" className="filters panel">
        <input type="hidden" name="kind" value={kind} />
        <div className="field">
          <label htmlFor="q">名称或企业</label>
          <input id="q" name="q" defaultValue={q} maxLength={40} />
        </div>
        <button type="submit" className="button">
          搜索
        </button>
      </Form>
      {result?.ok ? (
        <p className="notice" role="status">
          申请已投递。<Link to={`/graduate/applications/${result.applicationId}`}>查看进度</Link>
        </p>
      ) : null}
      <FormError message={result?.ok === false ? result.formError : null} />
      {list.total === 0 ? <p className="muted panel">没有符合条件的{isOrders ? "订单" : "岗位"}</p> : null}
      <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
        {(jobs?.rows ?? []).map((j) => (
          <li key={j.id} className="panel stack">
            <h2>{j.title}</h2>
            <p className="muted">
              {j.enterprise.name} · {j.park.name} · {j.city.name} · 招 {j.openings} 人 · {dateText(j.postedAt)} 发布
            </p>
            <p>
              <strong>
                {formatYuan(j.wageMinFen)}–{formatYuan(j.wageMaxFen)}
              </strong>
              /月 · 专业类 {j.majorClasses.join("、")}
            </p>
            <p className="wrap">{j.description}</p>
            <Apply kind="jobId" id={j.id} application={j.myApplication} busy={busy} />
          </li>
        ))}
        {(orders?.rows ?? []).map((o) => (
          <li key={o.id} className="panel stack">
            <h2>{o.title}</h2>
            <p className="muted">
              {o.enterprise.name} · {o.enterprise.park.name} · {dateText(o.startDate)} 开始 · 剩余名额 {remainingPlaces(o)} / {o.quantity}
            </p>
            <p>
              <strong>{formatYuan(o.wageFen)}</strong>/月 · 专业 {o.majorCode} · {skillLevelText(o.skillLevel)}
              {o.skillTags.length ? ` · 技能：${o.skillTags.join("、")}` : ""}
            </p>
            <Apply kind="orderId" id={o.id} application={o.myApplication} busy={busy || remainingPlaces(o) === 0} />
          </li>
        ))}
      </ul>
      <PageLinks total={list.total} page={list.page} pageSize={list.pageSize} />
    </div>
  );
}

function Apply({ kind, id, application, busy }: { kind: "jobId" | "orderId"; id: number; application: { id: number; status: string } | null; busy: boolean }) {
  if (application) {
    return (
      <p className="actions">
        已申请 <ApplicationStatusBadge status={application.status} /> <Link to={`/graduate/applications/${application.id}`}>查看进度</Link>
      </p>
    );
  }
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name={kind} value={id} />
      <button type="submit" className="button button-primary" disabled={busy}>
        申请
      </button>
    </Form>
  );
}
