/** The enumerated values of the data model, with their Chinese labels. */

export const ROLES = ["graduate", "college", "enterprise", "bureau", "park", "province"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  graduate: "毕业生",
  college: "院校",
  enterprise: "企业",
  bureau: "人社局",
  park: "园区管委会",
  province: "省园区办",
};

export const SCHOOL_LEVELS = ["高职", "中职", "职业本科", "技工院校"] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const PARK_LEVELS = ["national", "provincial"] as const;
export const PARK_LEVEL_LABELS: Record<(typeof PARK_LEVELS)[number], string> = {
  national: "国家级",
  provincial: "省级",
};

/** The 12 province-level industrial chains. */
export const CHAINS = [
  "电子信息", "有色金属", "装备制造", "新能源", "石化化工", "建材",
  "钢铁", "航空", "食品", "纺织服装", "医药", "现代家具",
] as const;
export type Chain = (typeof CHAINS)[number];

export const CLUSTER_ROLES = ["leading", "supporting"] as const;
export const CLUSTER_ROLE_LABELS: Record<(typeof CLUSTER_ROLES)[number], string> = {
  leading: "龙头企业",
  supporting: "配套企业",
};

/** 职业技能等级: 5 is the lowest (初级工), 1 the highest (高级技师). */
export const SKILL_LEVEL_LABELS: Record<number, string> = {
  5: "五级/初级工",
  4: "四级/中级工",
  3: "三级/高级工",
  2: "二级/技师",
  1: "一级/高级技师",
};

export const ORDER_STATUSES = ["draft", "open", "contracted", "in_training", "fulfilled", "closed"] as const;
export const ORDER_STATUS_LABELS: Record<(typeof ORDER_STATUSES)[number], string> = {
  draft: "草稿",
  open: "已发布",
  contracted: "已签约",
  in_training: "培训中",
  fulfilled: "已完成",
  closed: "已关闭",
};

export const APPLICATION_STATUSES = [
  "submitted", "viewed", "shortlisted", "offered", "accepted", "hired", "rejected", "withdrawn", "declined", "lapsed", "closed",
] as const;
export const APPLICATION_STATUS_LABELS: Record<(typeof APPLICATION_STATUSES)[number], string> = {
  submitted: "已投递",
  viewed: "已查看",
  shortlisted: "入围",
  offered: "已发录用通知",
  accepted: "已接受录用",
  hired: "已录用",
  rejected: "未通过",
  withdrawn: "已撤回",
  declined: "已谢绝录用",
  lapsed: "录用通知已过期",
  closed: "招聘已关闭",
};

/** Why a placement ended (product.md §10). */
export const PLACEMENT_END_REASONS = ["合同期满", "主动离职", "协商解除", "用人单位解除", "其他"] as const;
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number];

export const CLAIM_STATUS_LABELS: Record<string, string> = {
  pending_college: "待院校确认毕业",
  pending_review: "待人社局审核",
  approved: "已批准（公示中）",
  rejected: "已驳回",
  in_batch: "已纳入支付批次",
  paid: "已发放",
};

export const FUNDING_SOURCES: Record<string, string> = {
  employment_subsidy: "就业补助资金",
  unemployment_insurance: "失业保险基金",
  skills_upgrade: "职业技能提升行动专账资金",
  agriculture_training: "农业培训资金（高素质农民）",
  poverty_training: "扶贫培训资金（雨露计划）",
};

/** Training-fund yearly run (FundRun.status). */
export const FUND_RUN_STATUS_LABELS: Record<string, string> = {
  queued: "排队中",
  running: "计算中",
  done: "已完成",
  failed: "失败",
};

/** An organisation's accounts are its admins or its staff (§9). */
export const ORG_ROLES = ["admin", "staff"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const ORG_ROLE_LABELS: Record<OrgRole, string> = { admin: "管理员", staff: "工作人员" };
/** The organisations whose first admin the province invites (enterprises register and their park approves). */
export const FIRST_ADMIN_KINDS = ["park", "college", "bureau"] as const;
export type FirstAdminKind = (typeof FIRST_ADMIN_KINDS)[number];

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
  password_set_by_admin: "管理员设置临时密码",
  deactivated: "停用账号",
  reactivated: "恢复账号",
  throttle_cleared: "解除登录限制",
} as const;
export type AccountEventKind = keyof typeof ACCOUNT_EVENT_LABELS;

/** What the message sender carries (§9), with the labels of the outbox page. */
export const MESSAGE_KINDS = ["activation_code", "invitation", "password_reset", "notification"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  activation_code: "激活码",
  invitation: "加入邀请",
  password_reset: "重置密码链接",
  notification: "通知",
};
