import { Form, NavLink, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import type { ReactNode } from "react";
import { chinaDate, chinaMinute } from "~/domain/china-time";

const TABS = [
  { to: "/province/policies", label: "补贴政策" },
  { to: "/province/settings/fund", label: "培训经费" },
  { to: "/province/settings/matching", label: "匹配权重" },
  { to: "/province/settings/wage", label: "最低工资" },
  { to: "/province/settings/holidays", label: "节假日" },
  { to: "/province/settings/indicators", label: "考核指标" },
] as const;

/** The province's policy pages, one tab each. */
function PolicyTabs() {
  return (
    <nav className="tabs policy-tabs" aria-label="政策参数">
      {TABS.map((t) => (
        <NavLink key={t.to} to={t.to} end className={({ isActive }) => (isActive ? "button button-primary" : "button")}>
          {t.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** A province policy page: its title, what the policy governs (`lead`), the tabs of every policy page, then its own content. */
export function PolicyPage({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <div className="stack">
      <header className="page-head">
        <h1>{title}</h1>
        <p className="muted">{lead}</p>
      </header>
      <PolicyTabs />
      {children}
    </div>
  );
}

export type VersionView = { id: number; version: number; effectiveFrom: string; note: string | null; createdAt: string; createdBy: { displayName: string } | null };

/** Every version of a policy, newest first, with what it says (`describe`) and which one is in force today. */
export function VersionHistory<V extends VersionView>({ title, versions, inForceId, describe }: { title: string; versions: V[]; inForceId: number | null; describe: (v: V) => ReactNode }) {
  return (
    <section className="panel stack">
      <h2>{title}</h2>
      {versions.length === 0 ? (
        <p className="muted">尚未发布版本，现按默认值执行。</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">施行日期</th>
                <th scope="col">内容</th>
                <th scope="col">发布</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    第 {v.version} 版{v.id === inForceId ? <span className="badge"> 现行</span> : null}
                  </td>
                  <td>{chinaDate(v.effectiveFrom)}</td>
                  <td>{describe(v)}</td>
                  <td>
                    {chinaMinute(v.createdAt)} {v.createdBy?.displayName ?? ""}
                    {v.note ? <div className="muted">{v.note}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The form that publishes a policy's next version: its heading, what the last post did
 * (`notice`), a refusal of the whole form (`formError`), the policy's own fields
 * (`children`, with 施行日期 and 说明) and the 发布新版本 button, or the page's own
 * `actions`. Keyed by the number of versions, so a published form starts afresh.
 */
export function VersionForm({
  title,
  headingId,
  notice,
  formError,
  versionCount,
  multipart = false,
  actions,
  children,
}: {
  title: ReactNode;
  headingId?: string;
  notice?: string | null;
  formError?: string;
  versionCount: number;
  multipart?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <section className="panel stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {formError ? (
        <p className="field-error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" encType={multipart ? "multipart/form-data" : undefined} className="stack" key={versionCount}>
        <CsrfInput />
        {children}
        {actions ?? (
          <button type="submit" className="button button-primary" disabled={busy}>
            发布新版本
          </button>
        )}
      </Form>
    </section>
  );
}
