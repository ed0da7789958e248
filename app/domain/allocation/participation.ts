import { chinaMinute } from "../china-time";

/**
 * Whether a graduate may rank orders in an allocation round, and if not, every reason
 * why, in Chinese (issue 14, item 10): the round no longer (or not yet) takes choices,
 * the graduate is employed or has accepted an offer (product.md §10: accepting ends the
 * graduate's allocation choices), or no order of the round is open to them (the hard
 * constraints of matching, product.md §4, per order).
 */
export type ParticipationFacts = {
  round: { status: string; deadline: Date };
  now: Date;
  activePlacement: { enterpriseName: string } | null;
  acceptedOffer: { title: string } | null;
  orders: readonly { title: string; excludedBecause: readonly string[] }[];
};

export type Participation = { canChoose: true; reasons: [] } | { canChoose: false; reasons: string[] };

export function participationOf(f: ParticipationFacts): Participation {
  const reasons: string[] = [];
  if (f.round.status !== "open") reasons.push("本轮已停止填报，正在分配或已公布结果");
  else if (f.round.deadline.getTime() <= f.now.getTime()) reasons.push(`本轮填报已于 ${chinaMinute(f.round.deadline)} 截止`);
  if (f.activePlacement) reasons.push(`您目前在「${f.activePlacement.enterpriseName}」就业，离职办理完成后才能参加定向分配`);
  if (f.acceptedOffer) reasons.push(`您已接受「${f.acceptedOffer.title}」的录用通知，不能再参加定向分配`);
  if (f.orders.length === 0) reasons.push("本轮没有订单");
  else if (f.orders.every((o) => o.excludedBecause.length > 0)) {
    reasons.push(`本轮订单您都不符合条件：${f.orders.map((o) => `「${o.title}」${o.excludedBecause.join("、")}`).join("；")}`);
  }
  return reasons.length === 0 ? { canChoose: true, reasons: [] } : { canChoose: false, reasons };
}
