/**
 * The life of a subsidy claim (product.md §5.1): the college confirms graduation,
 * the bureau approves or rejects, after the public notice an approved claim joins
 * a payment batch, and the batch is paid.
 */
export const CLAIM_STATUSES = ["pending_college", "pending_review", "approved", "rejected", "in_batch", "paid"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
/** The statuses in the order of their life, as a city bureau's overview lists them. */
export const CITY_CLAIM_STATUSES = ["pending_college", "pending_review", "approved", "in_batch", "paid", "rejected"] as const satisfies readonly ClaimStatus[];
export type CityClaimStatus = (typeof CITY_CLAIM_STATUSES)[number];

export const CLAIM_STEPS = ["confirm_graduation", "decline_graduation", "approve", "reject", "batch", "pay"] as const;
export type ClaimStep = (typeof CLAIM_STEPS)[number];

const TRANSITIONS: Record<ClaimStep, { from: ClaimStatus; to: ClaimStatus }> = {
  confirm_graduation: { from: "pending_college", to: "pending_review" },
  decline_graduation: { from: "pending_college", to: "rejected" },
  approve: { from: "pending_review", to: "approved" },
  reject: { from: "pending_review", to: "rejected" },
  batch: { from: "approved", to: "in_batch" },
  pay: { from: "in_batch", to: "paid" },
};

/** The status a step leads to, or null when the step is not allowed from `status`. */
export function nextClaimStatus(status: string, step: ClaimStep): ClaimStatus | null {
  const t = TRANSITIONS[step];
  return t.from === status ? t.to : null;
}

/** The status a step must start from (for conditional updates). */
export function requiredStatus(step: ClaimStep): ClaimStatus {
  return TRANSITIONS[step].from;
}

/** The steps of the normal path, in order, as a graduate follows them. */
export const CLAIM_PATH: { status: ClaimStatus; label: string }[] = [
  { status: "pending_college", label: "院校确认毕业" },
  { status: "pending_review", label: "人社局审核" },
  { status: "approved", label: "公示" },
  { status: "in_batch", label: "纳入支付批次" },
  { status: "paid", label: "已发放" },
];

/** How far along the normal path a claim is: the index of its status in CLAIM_PATH (-1 when rejected). */
export function claimProgress(status: string): number {
  return CLAIM_PATH.findIndex((s) => s.status === status);
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  created: "生成申请",
  graduation_confirmed: "院校确认毕业",
  graduation_declined: "院校不予确认",
  approved: "人社局批准",
  rejected: "人社局驳回",
  batched: "纳入支付批次",
  exported: "导出银行支付文件",
  paid: "已发放",
  reevaluated_after_separation: "离职后重新核定",
  held_after_separation: "离职后暂停支付，待人社局决定",
  flagged_after_separation: "已发放后离职，待人社局复核",
  hold_released: "人社局决定继续支付",
  flag_reviewed: "人社局完成复核",
  certificate_verified: "人社局核验证书",
};

/** The bureau's review queue: the statuses it filters by and the columns it sorts on. */
export const QUEUE_SORTS = ["createdAt", "amountFen", "name"] as const;
export const QUEUE_STATUSES = ["pending_review", "pending_college", "approved", "rejected", "in_batch", "paid"] as const;

/** Payment batches: their statuses in Chinese and the columns their list sorts on. */
export const BATCH_STATUS_LABELS: Record<string, string> = { open: "待导出", exported: "已导出，待确认发放", paid: "已发放" };
export const BATCH_SORTS = ["createdAt", "totalFen"] as const;
