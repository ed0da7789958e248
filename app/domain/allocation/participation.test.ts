import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { participationOf, type ParticipationFacts } from "./participation";

const now = new Date("2026-12-04T08:00:00Z");
const base: ParticipationFacts = {
  round: { status: "open", deadline: new Date("2026-12-10T09:00:00Z") },
  now,
  activePlacement: null,
  acceptedOffer: null,
  orders: [{ title: "数控订单班", excludedBecause: [] }, { title: "焊接订单班", excludedBecause: ["技能等级不满足高级技工要求"] }],
};

describe("participationOf: who may rank orders in a round, and why not", () => {
  it("lets a free graduate with an order open to them choose", () => {
    expect(participationOf(base)).toEqual({ canChoose: true, reasons: [] });
  });

  it.each<[string, Partial<ParticipationFacts>, string[]]>([
    ["after the deadline", { round: { status: "open", deadline: new Date("2026-12-04T07:00:00Z") } }, ["本轮填报已于 2026-12-04 15:00 截止"]],
    ["while the round runs", { round: { status: "running", deadline: new Date("2026-12-04T07:00:00Z") } }, ["本轮已停止填报，正在分配或已公布结果"]],
    ["while employed", { activePlacement: { enterpriseName: "南昌测试科技有限公司" } }, ["您目前在「南昌测试科技有限公司」就业，离职办理完成后才能参加定向分配"]],
    ["after accepting an offer", { acceptedOffer: { title: "电工" } }, ["您已接受「电工」的录用通知，不能再参加定向分配"]],
    [
      "when every order excludes them",
      { orders: [{ title: "焊接订单班", excludedBecause: ["技能等级不满足高级技工要求"] }, { title: "机电订单班", excludedBecause: ["开工日期前不能到岗（尚未毕业）", "已就业"] }] },
      ["本轮订单您都不符合条件：「焊接订单班」技能等级不满足高级技工要求；「机电订单班」开工日期前不能到岗（尚未毕业）、已就业"],
    ],
    ["with no orders", { orders: [] }, ["本轮没有订单"]],
  ])("refuses %s, saying why", (_name, change, reasons) => {
    expect(participationOf({ ...base, ...change })).toEqual({ canChoose: false, reasons });
  });

  it("gives every reason that applies, and a reason whenever it refuses", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (late, employed, accepted, excluded) => {
        const p = participationOf({
          ...base,
          round: { status: "open", deadline: new Date(now.getTime() + (late ? -1 : 1)) },
          activePlacement: employed ? { enterpriseName: "甲" } : null,
          acceptedOffer: accepted ? { title: "乙" } : null,
          orders: [{ title: "丙", excludedBecause: excluded ? ["已就业"] : [] }],
        });
        expect(p.reasons.length).toBe([late, employed, accepted, excluded].filter(Boolean).length);
        expect(p.canChoose).toBe(p.reasons.length === 0);
      }),
    );
  });
});
