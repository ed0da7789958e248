import type { Role } from "~/domain/constants";

/**
 * Each role's work, as navigation: every entry is a page of its own (role-checked there).
 * `cityBureau`: shown to a city-level bureau only (its counties and its city's scorecards).
 */
export type NavItem = { to: string; label: string; cityBureau?: true };

export const NAVIGATION: Record<Role, readonly NavItem[]> = {
  graduate: [
    { to: "/home", label: "首页" },
    { to: "/graduate/jobs", label: "找工作" },
    // Order search (订单培训) as its own entry, not only a tab of the job search (issue 17, item 5).
    { to: "/graduate/orders", label: "订单培训" },
    { to: "/graduate/applications", label: "我的申请" },
    { to: "/graduate/profile", label: "我的档案" },
    { to: "/graduate/allocation", label: "定向分配志愿" },
    { to: "/graduate/recommendations", label: "为我推荐" },
    { to: "/graduate/subsidies", label: "我的补贴" },
    { to: "/settings/tokens", label: "API 令牌" },
    { to: "/settings/password", label: "修改密码" },
  ],
  college: [
    { to: "/home", label: "首页" },
    { to: "/college/cohorts", label: "培训班" },
    { to: "/college/graduates", label: "毕业生名册" },
    { to: "/college/orders", label: "订单培训" },
    { to: "/college/confirmations", label: "毕业确认" },
    { to: "/college/registrations", label: "注册确认" },
    { to: "/college/fund", label: "培训经费收入" },
    { to: "/college/ledger", label: "专款专用台账" },
    { to: "/certificates", label: "证书核验" },
    { to: "/college/scorecard", label: "考核评分" },
    { to: "/profile", label: "单位信息" },
    { to: "/org/members", label: "成员与账号" },
    { to: "/org/audit", label: "账号日志" },
    { to: "/org/outbox", label: "消息发件箱" },
    { to: "/settings/tokens", label: "API 令牌" },
    { to: "/settings/password", label: "修改密码" },
  ],
  enterprise: [
    { to: "/home", label: "首页" },
    { to: "/enterprise/jobs", label: "岗位" },
    { to: "/enterprise/orders", label: "订单培训" },
    { to: "/enterprise/applicants", label: "应聘者" },
    { to: "/enterprise/placements", label: "就业确认" },
    { to: "/enterprise/payroll", label: "工资总额申报" },
    { to: "/enterprise/fund-payments", label: "培训经费付款" },
    { to: "/enterprise/training-subsidies", label: "职工技能提升补贴" },
    { to: "/enterprise/allocation", label: "定向分配结果" },
    { to: "/profile", label: "单位信息" },
    { to: "/org/members", label: "成员与账号" },
    { to: "/org/audit", label: "账号日志" },
    { to: "/settings/tokens", label: "API 令牌" },
    { to: "/settings/password", label: "修改密码" },
  ],
  bureau: [
    { to: "/home", label: "首页" },
    { to: "/bureau/claims", label: "补贴审核" },
    { to: "/bureau/budget", label: "年度预算" },
    { to: "/bureau/batches", label: "支付批次" },
    { to: "/bureau/city", label: "下辖区县", cityBureau: true },
    { to: "/bureau/scorecards", label: "考核评分", cityBureau: true },
    { to: "/certificates", label: "证书核验" },
    { to: "/org/members", label: "成员与账号" },
    { to: "/org/audit", label: "账号日志" },
    { to: "/settings/tokens", label: "API 令牌" },
    { to: "/settings/password", label: "修改密码" },
  ],
  park: [
    { to: "/home", label: "首页" },
    { to: "/registries/clusters", label: "产业集群" },
    { to: "/registries/bases", label: "实训基地" },
    { to: "/registries/pairings", label: "园校对接" },
    { to: "/registries/secondments", label: "双向挂职" },
    { to: "/registries/enterprises", label: "园区企业" },
    { to: "/park/registrations", label: "企业注册审核" },
    { to: "/map", label: "分布图" },
    { to: "/imports", label: "批量导入" },
    { to: "/profile", label: "单位信息" },
    { to: "/park/reports", label: "园区报表" },
    { to: "/park/scorecard", label: "考核评分" },
    { to: "/park/fund", label: "培训经费" },
    { to: "/fund/settlement", label: "经费结算与欠缴" },
    { to: "/park/allocation", label: "定向分配" },
    { to: "/org/members", label: "成员与账号" },
    { to: "/org/audit", label: "账号日志" },
    { to: "/settings/tokens", label: "API 令牌" },
    { to: "/settings/password", label: "修改密码" },
  ],
  province: [
    { to: "/home", label: "首页" },
    { to: "/province/policies", label: "政策参数" },
    { to: "/registries", label: "名录管理" },
    { to: "/map", label: "产业集群分布图" },
    { to: "/imports", label: "批量导入" },
    { to: "/province/allocation", label: "定向分配" },
    { to: "/province/reports", label: "就业报表与通报" },
    { to: "/province/scorecards", label: "考核评估" },
    { to: "/province/jobs", label: "后台任务" },
    { to: "/province/fund", label: "培训经费" },
    { to: "/fund/settlement", label: "经费结算与欠缴" },
    { to: "/org/members", label: "成员与账号" },
    { to: "/org/audit", label: "账号日志" },
    { to: "/org/outbox", label: "消息发件箱" },
    { to: "/settings/tokens", label: "API 令牌" },
    { to: "/settings/password", label: "修改密码" },
  ],
};

/** The navigation of a role; a county bureau (or any other role) without the city-level entries. */
export function navigationOf(role: Role, { cityBureau }: { cityBureau: boolean }): NavItem[] {
  return NAVIGATION[role].filter((item) => !item.cityBureau || cityBureau);
}
