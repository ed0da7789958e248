import { CLAIM_STATUS_LABELS } from "~/domain/constants";
import { CLAIM_STATUSES } from "~/domain/subsidy/claim-status";
import { SUBSIDY_POLICY_KIND, SubsidyPolicySchema, type SubsidyPolicy } from "~/domain/subsidy/policy";
import type { Principal } from "~/utils/principal.server";
import { requireRole } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { createPolicyVersion } from "~/services/policy/versions.server";

/** Every version of the subsidy policy, newest first: history is kept, never overwritten. */
export async function listSubsidyPolicies({ principal }: { principal: Principal }) {
  requireRole(principal, ["province"], "只有省园区办可以管理补贴政策");
  const rows = await prisma.policyVersion.findMany({
    where: { kind: SUBSIDY_POLICY_KIND },
    orderBy: [{ version: "desc" }],
    select: {
      id: true,
      version: true,
      effectiveFrom: true,
      data: true,
      note: true,
      createdAt: true,
      createdBy: { select: { displayName: true } },
      _count: { select: { claims: true } },
    },
  });
  return rows.map(({ data, ...row }) => {
    const parsed = SubsidyPolicySchema.safeParse(JSON.parse(data));
    return { ...row, policy: parsed.success ? parsed.data : null };
  });
}

/**
 * A new version of the subsidy policy, effective from a date. The version number is
 * the next one; two administrators saving at once cannot take the same number
 * (unique kind + version), the second is asked to try again.
 */
export async function createSubsidyPolicyVersion({
  principal,
  effectiveFrom,
  policy,
  note,
}: {
  principal: Principal;
  effectiveFrom: string;
  policy: SubsidyPolicy;
  note: string | null;
}) {
  return createPolicyVersion({
    principal,
    kind: SUBSIDY_POLICY_KIND,
    effectiveFrom,
    data: SubsidyPolicySchema.parse(policy),
    note,
    denied: "只有省园区办可以管理补贴政策",
  });
}

/** Province totals: claims and amounts per status, and approved/paid amounts per city. */
export async function subsidyTotals({ principal }: { principal: Principal }) {
  requireRole(principal, ["province"], "只有省园区办可以管理补贴政策");
  const [byStatus, byBureau, bureaus] = await Promise.all([
    prisma.subsidyClaim.groupBy({ by: ["status", "kind"], _count: true, _sum: { amountFen: true } }),
    prisma.subsidyClaim.groupBy({
      by: ["bureauId"],
      where: { status: { in: ["approved", "in_batch", "paid"] } },
      _count: true,
      _sum: { amountFen: true },
    }),
    prisma.bureau.findMany({ select: { id: true, cityCode: true, county: { select: { city: { select: { code: true, name: true } } } } } }),
  ]);
  const statuses = CLAIM_STATUSES.map((status) => {
    const rows = byStatus.filter((r) => r.status === status);
    const sum = (kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + (r._sum.amountFen ?? 0), 0);
    return {
      status,
      label: CLAIM_STATUS_LABELS[status] ?? status,
      count: rows.reduce((s, r) => s + r._count, 0),
      tuitionFen: sum("tuition"),
      livingFen: sum("living"),
    };
  });
  const cityNames = await prisma.city.findMany({ select: { code: true, name: true } });
  const cities = new Map<string, { name: string; count: number; amountFen: number }>();
  for (const row of byBureau) {
    const bureau = bureaus.find((b) => b.id === row.bureauId);
    const code = bureau?.county?.city.code ?? bureau?.cityCode ?? "";
    const name = bureau?.county?.city.name ?? cityNames.find((c) => c.code === code)?.name ?? "未知";
    const entry = cities.get(code) ?? { name, count: 0, amountFen: 0 };
    entry.count += row._count;
    entry.amountFen += row._sum.amountFen ?? 0;
    cities.set(code, entry);
  }
  return {
    statuses,
    cities: [...cities.entries()].map(([code, v]) => ({ code, ...v })).sort((a, b) => b.amountFen - a.amountFen || a.code.localeCompare(b.code)),
  };
}
