import { describe, expect, it } from "vitest";
import { TrainingFundPolicySchema } from "./policy";

describe("training-fund policy document", () => {
  it.each([
    ["a version written before due months and the unpaired rule", { rate: "0.025", shareRatio: "0.2" }, { dueMonths: 3, unpairedRule: "province_pool" }],
    ["a version that sets both", { rate: "0.03", shareRatio: "0.25", dueMonths: 6, unpairedRule: "enterprise_retains" }, { dueMonths: 6, unpairedRule: "enterprise_retains" }],
  ])("%s", (_name, data, expected) => {
    expect(TrainingFundPolicySchema.parse(data)).toMatchObject(expected);
  });

  it.each([
    [{ rate: "1.5", shareRatio: "0.2" }, "培训经费提取比例不能大于 1"],
    [{ rate: "0.025", shareRatio: "2%" }, "院校分成比例应为小数形式"],
    [{ rate: "0.025", shareRatio: "0.2", dueMonths: -1 }, "应付期限不能为负数"],
    [{ rate: "0.025", shareRatio: "0.2", dueMonths: 2.5 }, "应付期限必须是整数月"],
    [{ rate: "0.025", shareRatio: "0.2", unpairedRule: "dropped" }, "请选择无对接院校时分成的处理方式"],
  ])("refuses %j", (data, message) => {
    const parsed = TrainingFundPolicySchema.safeParse(data);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});
