import type { ReactNode } from "react";
import { APPLICATION_STATUS_LABELS } from "~/domain/constants";
import { formatYuan } from "~/domain/money";
import { ApplicationStatusBadge, cityNames, RelevanceBadge, skillLevelText, StatusTimeline } from "./labour";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";
import { CertificateBadge } from "./certificates";

type Event = { id: number; fromStatus: string | null; toStatus: string; at: string; actor: { displayName: string } | null };
type Posting = { title: string; enterprise: { name: string } } | null;
export type GraduateRecordData = {
  name: string;
  gender: string;
  phone: string;
  idNumber: string;
  majorCode: string;
  schoolLevel: string;
  graduationDate: string;
  skillLevel: number | null;
  skillTags: string[];
  preferredCities: string[];
  willingToRelocate: boolean;
  status: string;
  college: { name: string };
  certificates: { id: number; name: string; level: number; issuedAt: string; issuingBody: string | null; certificateNo: string | null; verifiedAt: string | null }[];
  applications: { id: number; status: string; createdAt: string; job: Posting; order: Posting; events: Event[] }[];
  placements: {
    id: number;
    startDate: string;
    monthlyWageFen: number;
    majorRelevant: boolean;
    inProvincePark: boolean;
    contractMonths: number | null;
    insuredMonths: number | null;
    confirmedAt: string | null;
    endedOn: string | null;
    endReason: string | null;
    endReportedOn: string | null;
    endReportedReason: string | null;
    enterprise: { name: string };
    job: { title: string } | null;
    order: { title: string } | null;
  }[];
};

/** A graduate's profile, placements and applications with their timelines, as the viewer may see them. */
export function GraduateRecord({ graduate, separationAction }: { graduate: GraduateRecordData; separationAction?: (placementId: number) => ReactNode }) {
  return (
    <div className="stack">
      <dl className="facts panel">
        <div>
          <dt>身份证号</dt>
          <dd>{graduate.idNumber}</dd>
        </div>
        <div>
          <dt>性别</dt>
          <dd>{graduate.gender === "M" ? "男" : "女"}</dd>
        </div>
        <div>
          <dt>手机号</dt>
          <dd>{graduate.phone}</dd>
        </div>
        <div>
          <dt>院校</dt>
          <dd>{graduate.college.name}</dd>
        </div>
        <div>
          <dt>专业 / 层次</dt>
          <dd>
            {majorText(graduate.majorCode)} · {graduate.schoolLevel}
          </dd>
        </div>
        <div>
          <dt>毕业日期</dt>
          <dd>{chinaDate(graduate.graduationDate)}</dd>
        </div>
        <div>
          <dt>技能等级</dt>
          <dd>{skillLevelText(graduate.skillLevel)}</dd>
        </div>
        <div>
          <dt>技能标签</dt>
          <dd>{graduate.skillTags.join("、") || "—"}</dd>
        </div>
        <div>
          <dt>意向城市</dt>
          <dd>
            {cityNames(graduate.preferredCities)}
            {graduate.willingToRelocate ? "（愿意异地就业）" : ""}
          </dd>
        </div>
        <div>
          <dt>就业状态</dt>
          <dd>{graduate.status === "placed" ? "已就业" : "求职中"}</dd>
        </div>
      </dl>
      <section className="panel">
        <h2>就业记录</h2>
        {graduate.placements.length === 0 ? (
          <p className="muted">暂无就业记录</p>
        ) : (
          <ul className="rows">
            {graduate.placements.map((p) => (
              <li key={p.id}>
                <span>
                  {p.enterprise.name} · {(p.job ?? p.order)?.title} · {chinaDate(p.startDate)} 入职 · {formatYuan(p.monthlyWageFen)}/月
                </span>
                <span className="actions">
                  <RelevanceBadge relevant={p.majorRelevant} />
                  <span className="badge">{p.inProvincePark ? "省内园区" : "省外"}</span>
                  <span className="muted">{p.confirmedAt ? `合同 ${p.contractMonths} 月 · 社保 ${p.insuredMonths} 月` : "待企业确认"}</span>
                  {p.endedOn ? <span className="badge badge-no">已于 {chinaDate(p.endedOn)} 离职（{p.endReason}）</span> : null}
                  {!p.endedOn && p.endReportedOn ? (
                    <span className="badge">
                      申报 {chinaDate(p.endReportedOn)} 离职（{p.endReportedReason}），待确认
                    </span>
                  ) : null}
                  {!p.endedOn && p.endReportedOn && separationAction ? separationAction(p.id) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>证书</h2>
        {graduate.certificates.length === 0 ? (
          <p className="muted">暂无证书</p>
        ) : (
          <ul className="rows">
            {graduate.certificates.map((c) => (
              <li key={c.id}>
                <span>{c.name}</span>
                <span className="actions">
                  <span className="muted">
                    {skillLevelText(c.level)} · {chinaDate(c.issuedAt)}
                  </span>
                  <CertificateBadge certificate={c} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel stack">
        <h2>申请与状态记录</h2>
        {graduate.applications.length === 0 ? <p className="muted">暂无申请</p> : null}
        {graduate.applications.map((a) => {
          const target = a.job ?? a.order;
          return (
            <div key={a.id}>
              <p>
                <strong>{target?.title}</strong> · {target?.enterprise.name} <ApplicationStatusBadge status={a.status} />
              </p>
              <StatusTimeline events={a.events} labels={APPLICATION_STATUS_LABELS} />
            </div>
          );
        })}
      </section>
    </div>
  );
}
