import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { z } from "zod";
import { Field } from "~/components/field";
import { PolicyPage, VersionHistory, VersionForm } from "~/components/policy-settings";
import { formatHolidayList, holidayCalendarKind, HolidayCalendarSchema, parseHolidayList } from "~/domain/calendar/holidays";
import { chinaDate } from "~/domain/china-time";
import { dateOf, noticePeriod } from "~/domain/subsidy/calendar";
import { checkCalendarDate } from "~/domain/calendar-date";
import { holidayDaysOfYear, workCalendarFrom } from "~/services/policy/calendar.server";
import { listPolicyVersions } from "~/services/policy/versions.server";
import { publishSettingsVersion, settingsRefused } from "~/services/policy/forms.server";
import { subsidyPolicyOn } from "~/services/subsidy/policy.server";
import { requireForm } from "~/utils/csrf.server";
import { calendarDayField, fieldErrorsOf } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "节假日安排 · 园校通" }];

const yearOf = (text: string | null, fallback: number) => {
  const n = Number(text);
  return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : fallback;
};

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    const url = new URL(request.url);
    const today = chinaDate(new Date());
    const year = yearOf(url.searchParams.get("year"), Number(today.slice(0, 4)) + 1);
    const [versions, current] = await Promise.all([listPolicyVersions(holidayCalendarKind(year), HolidayCalendarSchema), holidayDaysOfYear(year, dateOf(today))]);
    // 公示期试算: the notice period of an approval on a day, with that day's subsidy policy and calendars.
    const approvedOn = url.searchParams.get("approvedOn") ?? "";
    let trial: { approvedOn: string; workingDays: number; lastNoticeDay: string | null; payableFrom: string } | { error: string } | null = null;
    if (approvedOn) {
      const check = checkCalendarDate(approvedOn, "批准日期", { iso: true });
      if (!check.ok) trial = { error: check.reason };
      else {
        const policy = await subsidyPolicyOn(approvedOn).catch(() => null);
        if (!policy) trial = { error: `${approvedOn} 没有施行中的补贴政策` };
        else trial = { approvedOn, workingDays: policy.policy.noticeWorkingDays, ...noticePeriod({ approvedOn, workingDays: policy.policy.noticeWorkingDays, calendar: await workCalendarFrom(approvedOn) }) };
      }
    }
    const inForce = versions.find((v) => v.effectiveFrom <= dateOf(today)) ?? null;
    return json({ year, today, versions, inForceId: inForce?.id ?? null, current, trial, approvedOn });
  });
}

const FormSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  effectiveFrom: calendarDayField("施行日期"),
  note: z.string().trim().max(200, { error: "说明不能超过 200 个字符" }),
  list: z.string().max(20_000, { error: "列表过长" }),
});

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const file = form.get("file");
    const imported = file && typeof file !== "string" && file.size > 0 ? await file.text() : null;
    const values = { year: form.get("year"), effectiveFrom: form.get("effectiveFrom") ?? "", note: form.get("note") ?? "", list: imported ?? form.get("list") ?? "" };
    const parsed = FormSchema.safeParse(values);
    if (!parsed.success) return settingsRefused(fieldErrorsOf(parsed.error.issues), 400);
    const { year, effectiveFrom, note, list } = parsed.data;
    const days = parseHolidayList(list, year);
    if (!days.ok) return settingsRefused({ list: days.errors.slice(0, 5).join("；") }, 400);
    return publishSettingsVersion({
      principal, kind: holidayCalendarKind(year), effectiveFrom, data: HolidayCalendarSchema.parse({ year, days: days.days }), note,
      told: (version) => `已发布 ${year} 年节假日安排第 ${version} 版（${days.days.length} 天），${effectiveFrom} 起施行`,
    });
  });
}

export default function HolidaySettingsPage() {
  const { year, today, versions, inForceId, current, trial, approvedOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const id = useId();
  return (
    <PolicyPage title="节假日与调休安排" lead="每年的放假与调休安排按年份分版本发布，历史版本保留不变。补贴公示期等按工作日计算的期限，使用计算当天施行的各年安排；未录入的年份只按周末计算。">
      <Form method="get" className="panel filters">
        <div className="field">
          <label htmlFor={`${id}-year`}>年份</label>
          <input id={`${id}-year`} name="year" inputMode="numeric" defaultValue={year} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">查看</button>
        </div>
      </Form>
      <section className="panel stack" aria-labelledby={`${id}-now`}>
        <h2 id={`${id}-now`}>{year} 年现行安排</h2>
        {current.source === "none" ? (
          <p className="notice" role="note">{year} 年的节假日安排尚未录入：公示期等期限按周末计算，节假日会被当作工作日。</p>
        ) : (
          <p className="muted">
            {current.source === "policy" ? `第 ${current.version} 版` : "初始数据"}，放假 {current.days.filter((d) => !d.isWorkday).length} 天，调休上班 {current.days.filter((d) => d.isWorkday).length} 天。
          </p>
        )}
      </section>
      <VersionHistory
        title={`${year} 年安排的版本`}
        versions={versions}
        inForceId={inForceId}
        describe={(v) => (v.data ? `放假 ${v.data.days.filter((d) => !d.isWorkday).length} 天，调休上班 ${v.data.days.filter((d) => d.isWorkday).length} 天` : "内容无效")}
      />
      <VersionForm title={`发布 ${year} 年安排的新版本`} notice={result?.ok ? result.message : null} formError={errors._form} versionCount={versions.length} multipart>
          <input type="hidden" name="year" value={year} />
          <div className="sub-form-grid">
            <Field label="施行日期" name="effectiveFrom" type="date" required defaultValue={today} error={errors.effectiveFrom} />
            <Field label="说明" name="note" maxLength={200} placeholder="例如：依据国务院办公厅通知" error={errors.note} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-list`}>日期列表（每行一天：日期,休或班,名称）</label>
            <textarea
              id={`${id}-list`}
              name="list"
              rows={12}
              defaultValue={formatHolidayList(current.days)}
              placeholder={`${year}-01-01,休,元旦\n${year}-02-07,班,春节调休`}
              aria-invalid={errors.list ? true : undefined}
              aria-describedby={errors.list ? `${id}-list-error` : undefined}
            />
            {errors.list ? <p className="field-error" id={`${id}-list-error`} role="alert">{errors.list}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>或导入文件（CSV 或文本，格式同上；选择文件时以文件为准）</label>
            <input id={`${id}-file`} type="file" name="file" accept=".csv,.txt,text/csv,text/plain" />
          </div>
      </VersionForm>
      <section className="panel stack" aria-labelledby={`${id}-trial`}>
        <h2 id={`${id}-trial`}>公示期试算</h2>
        <Form method="get" className="inline-form">
          <input type="hidden" name="year" value={year} />
          <Field label="批准日期" name="approvedOn" type="date" defaultValue={approvedOn} />
          <button type="submit" className="button">试算</button>
        </Form>
        {trial ? (
          "error" in trial ? (
            <p className="field-error" role="alert">{trial.error}</p>
          ) : (
            <p className="notice" role="status" data-testid="notice-trial">
              {trial.approvedOn} 批准，公示 {trial.workingDays} 个工作日：公示期最后一天 {trial.lastNoticeDay ?? "—"}，{trial.payableFrom} 起可以发放。
            </p>
          )
        ) : null}
      </section>
    </PolicyPage>
  );
}
