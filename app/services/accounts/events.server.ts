import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";

/** The account events of §9, with their Chinese labels for the log page. */
export const ACCOUNT_EVENT_LABELS = {
  created: "创建账号",
  invited: "发出加入邀请",
  joined: "接受邀请加入",
  activated: "毕业生激活账号",
  code_issued: "签发激活码",
  registered: "提交注册申请",
  registration_approved: "注册申请通过",
  registration_rejected: "注册申请驳回",
  role_changed: "变更管理员/工作人员",
  password_changed: "修改密码",
  reset_issued: "签发重置密码链接",
  password_reset: "通过链接重置密码",
  deactivated: "停用账号",
  reactivated: "恢复账号",
  throttle_cleared: "解除登录限制",
} as const;
export type AccountEventKind = keyof typeof ACCOUNT_EVENT_LABELS;

type Db = Prisma.TransactionClient | typeof prisma;
type OrgColumns = { role?: string | null; parkId?: number | null; collegeId?: number | null; enterpriseId?: number | null; bureauId?: number | null };

/** Appends one event; the organisation columns are those of the account concerned. */
export async function recordAccountEvent(
  db: Db,
  event: { kind: AccountEventKind; accountId?: number | null; actorId?: number | null; detail?: string; org: OrgColumns },
): Promise<void> {
  const { org } = event;
  await db.accountEvent.create({
    data: {
      kind: event.kind,
      accountId: event.accountId ?? null,
      actorId: event.actorId && event.actorId > 0 ? event.actorId : null,
      detail: event.detail ?? null,
      role: org.role ?? null,
      parkId: org.parkId ?? null,
      collegeId: org.collegeId ?? null,
      enterpriseId: org.enterpriseId ?? null,
      bureauId: org.bureauId ?? null,
    },
  });
}
