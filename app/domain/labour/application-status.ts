import type { Role } from "../constants";

/**
 * Application status machine (product.md §3, §10): submitted → viewed → shortlisted →
 * offered → accepted → hired. The enterprise makes the offer (start date, wage,
 * contract months, reply deadline); the graduate accepts or declines it; an unanswered
 * offer lapses after its deadline, and closing the job or order closes its open
 * applications (both done by the system, not by a role). The enterprise may reject and
 * the graduate withdraw while the application is still active.
 */
export type ApplicationStatus =
  | "submitted" | "viewed" | "shortlisted" | "offered" | "accepted"
  | "hired" | "rejected" | "withdrawn" | "declined" | "lapsed" | "closed";

export const ACTIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["submitted", "viewed", "shortlisted", "offered", "accepted"];
export const FINAL_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["hired", "rejected", "withdrawn", "declined", "lapsed", "closed"];

type Move = { from: ApplicationStatus; to: ApplicationStatus; by: Role; label: string };

const forward: Move[] = [
  { from: "submitted", to: "viewed", by: "enterprise", label: "标记已查看" },
  { from: "viewed", to: "shortlisted", by: "enterprise", label: "列入入围" },
  { from: "shortlisted", to: "offered", by: "enterprise", label: "发录用通知" },
  { from: "offered", to: "accepted", by: "graduate", label: "接受录用通知" },
  { from: "offered", to: "declined", by: "graduate", label: "谢绝录用通知" },
  { from: "accepted", to: "hired", by: "enterprise", label: "录用" },
];

export const APPLICATION_MOVES: readonly Move[] = [
  ...forward,
  ...ACTIVE_APPLICATION_STATUSES.map((from): Move => ({ from, to: "rejected", by: "enterprise", label: "不予录用" })),
  ...ACTIVE_APPLICATION_STATUSES.map((from): Move => ({ from, to: "withdrawn", by: "graduate", label: "撤回申请" })),
];

export function isActiveApplication(status: string): boolean {
  return (ACTIVE_APPLICATION_STATUSES as readonly string[]).includes(status);
}

export type ApplicationMoveCheck = { ok: true } | { ok: false; reason: string };

const ENDED_REASONS: Partial<Record<ApplicationStatus, string>> = {
  hired: "该申请已录用，不能再变更",
  rejected: "该申请已结束（未通过），不能再变更",
  withdrawn: "申请人已撤回该申请，不能再变更",
  declined: "申请人已谢绝录用通知，不能再变更",
  lapsed: "录用通知已过答复期限，不能再变更",
  closed: "该岗位或订单已关闭，不能再变更",
};

/** Whether `role` may move an application from `from` to `to`; the reason is Chinese. */
export function checkApplicationMove(from: ApplicationStatus, to: ApplicationStatus, role: Role): ApplicationMoveCheck {
  const ended = ENDED_REASONS[from];
  if (ended) return { ok: false, reason: ended };
  const move = APPLICATION_MOVES.find((m) => m.from === from && m.to === to);
  if (!move) return { ok: false, reason: to === "hired" ? "只有毕业生接受录用通知后才能录用" : "申请当前状态不能直接变更为该状态" };
  if (move.by !== role) return { ok: false, reason: `此操作（${move.label}）不由您的角色执行` };
  return { ok: true };
}

/** The moves `role` could make from `status` (for buttons). */
export function applicationMovesFor(status: ApplicationStatus, role: Role): readonly Move[] {
  return APPLICATION_MOVES.filter((m) => m.from === status && m.by === role);
}

/** The key that makes one active application per graduate per job or order (unique with graduateId); null once ended. */
export function activeKeyOf(target: { jobId: number | null; orderId: number | null }, status: ApplicationStatus): string | null {
  if (!isActiveApplication(status)) return null;
  if (target.jobId !== null) return `job:${target.jobId}`;
  if (target.orderId !== null) return `order:${target.orderId}`;
  throw new Error("an application targets a job or an order");
}
