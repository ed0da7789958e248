import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runTrainingFundYear } from "~/services/fund/run.server";
import { decideFundPayment, settlementLines } from "~/services/fund/settlement.server";
import { declarePayroll, trainingFundPolicyOn } from "~/services/fund/training-fund.server";
import { getCollegeLedger } from "~/services/fund/ledger.server";
import { importTable, importTemplateFor, readImportJob, startImport } from "~/services/registry/imports.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { readTable } from "~/utils/tabular.server";
import { importTemplate } from "~/utils/table-export.server";
import { buildRegistry, refusal } from "./fixtures";
import { principalOf } from "./labour-fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let enterprise: Principal;
let college: Principal;
let park: Principal;

const csv = (text: string) => readTable(Buffer.from(text, "utf8"), "导入.csv");
const COLLEGE = "江西测试职业技术学院";

beforeAll(async () => {
  registry = await buildRegistry();
  enterprise = await principalOf("imp-ent", "enterprise", { enterpriseId: registry.enterprise.id });
  college = await principalOf("imp-col", "college", { collegeId: registry.college.id });
  park = await principalOf("imp-park", "park", { parkId: registry.park.id });
  const province = await principalOf("imp-prov", "province");
  await prisma.policyVersion.create({ data: { kind: "training_fund", version: 1, effectiveFrom: new Date("2024-01-01"), data: '{"rate":"0.025","shareRatio":"0.2"}' } });
  await prisma.pairing.create({ data: { parkId: registry.park.id, collegeId: registry.college.id, startDate: new Date("2020-01-01") } });
  // ¥1,000,000 payroll → share ¥5,000 (500,000 fen) to the one paired college.
  await declarePayroll({ principal: province, enterpriseId: registry.enterprise.id, year: 2025, payrollFen: 100_000_000, parts: {} });
  const policy = await trainingFundPolicyOn(new Date("2025-12-31"));
  const run = await prisma.fundRun.create({ data: { year: 2025, policyVersionId: policy.policyVersionId, status: "queued" } });
  await runTrainingFundYear({ runId: run.id });
  await prisma.fundRun.update({ where: { id: run.id }, data: { issuedOn: new Date(Date.UTC(2026, 0, 10)), finishedAt: new Date("2026-01-10T02:00:00Z") } });
});

async function sheetsOf(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    return { name: ws.name, rows };
  });
}

describe("fund payment imports (enterprise)", () => {
  it("refuses the whole file and names every bad line in Chinese", async () => {
    const table = await csv(
      [
        "年度,收款方,付款日期,付款金额（元）,付款凭证号",
        `2025,${COLLEGE},2026-02-01,3000.00,YH-1`,
        "2025,不存在学院,2026-02-01,100,YH-2",
        `2025,${COLLEGE},2026-02-01,2000.01,YH-3`,
        `2025,${COLLEGE},2026-02-01,1,YH-1`,
        `2025,${COLLEGE},2099-01-01,1,YH-5`,
        `2025,${COLLEGE},2026-02-01,十元,YH-6`,
        `2019,${COLLEGE},2026-02-01,1,YH-7`,
      ].join("\n"),
    );
    const outcome = await importTable({ principal: enterprise, kind: "fund_payments", table });
    expect(outcome.status).toBe("refused");
    const errors = outcome.status === "refused" ? outcome.errors : [];
    expect(errors.map((e) => [e.line, e.field ?? null, e.reason])).toEqual([
      [3, "收款方", "收款方“不存在学院”不在 2025 年度对账单中"],
      [4, null, "付款金额超过尚未支付的金额（与文件中前面同一收款方的付款合计）"],
      [5, "付款凭证号", "付款凭证号与第 2 行重复"],
      [6, null, "付款日期不能晚于今天"],
      [7, "付款金额（元）", "付款金额须为不超过两位小数的正数（元）"],
      [8, "年度", "年度“2019”不在可登记的年度内（2020 年至今年）"],
    ]);
    expect(await prisma.fundPayment.count()).toBe(0);
  });

  it("imports a good file as part payments waiting for the college, and tells the college", async () => {
    const table = await csv(
      ["付款凭证号,年度,收款方,付款日期,付款金额", "YH-10,2025,4136000001,2026-02-01,\"3,000.00\"", `YH-11,2025,${COLLEGE},2026-02-15,1000`].join("\n"),
    );
    expect(await importTable({ principal: enterprise, kind: "fund_payments", table })).toEqual({ status: "done", created: 2 });
    const { lines } = await settlementLines({ principal: enterprise, year: 2025 });
    expect(lines.map((l) => [l.recipientName, l.pendingFen, l.payableFen])).toEqual([[COLLEGE, 400_000, 100_000]]);
    expect(await prisma.notification.count({ where: { accountId: college.accountId, kind: "fund_payment", title: { contains: "导入了 2 笔" } } })).toBe(1);
    // A voucher already recorded is refused on its line.
    const again = await importTable({ principal: enterprise, kind: "fund_payments", table: await csv(["年度,收款方,付款日期,付款金额（元）,付款凭证号", `2025,${COLLEGE},2026-02-01,1,YH-10`].join("\n")) });
    expect(again).toEqual({ status: "refused", errors: [{ line: 2, field: "付款凭证号", reason: "付款凭证号已登记，不能重复导入" }] });
  });

  it("offers an XLSX template with Chinese headers, a 填写说明 sheet, and an example that imports as it is", async () => {
    const template = await importTemplateFor({ principal: enterprise, kind: "fund_payments" });
    const buffer = await importTemplate(template);
    const [data, notes] = await sheetsOf(buffer);
    expect(data!.rows[0]).toEqual(["年度", "收款方", "付款日期", "付款金额（元）", "付款凭证号"]);
    expect(data!.rows).toHaveLength(2);
    expect(notes!.name).toBe("填写说明");
    expect(notes!.rows.slice(1).map((r) => r[0])).toEqual(data!.rows[0]);
    expect(await importTable({ principal: enterprise, kind: "fund_payments", table: await readTable(buffer, "模板.xlsx") })).toEqual({ status: "done", created: 1 });
  });

  it("is the enterprise's own: a park or a college may not import payments", async () => {
    const table = await csv("年度,收款方,付款日期,付款金额（元）,付款凭证号\n2025,x,2026-02-01,1,Z-1");
    expect((await refusal(importTable({ principal: park, kind: "fund_payments", table }))).status).toBe(403);
    expect((await refusal(importTemplateFor({ principal: college, kind: "fund_payments" }))).status).toBe(403);
  });
});

describe("专款支出 imports (college)", () => {
  beforeAll(async () => {
    // The college confirms the two imported payments: ¥4,000 in its ledger.
    for (const voucherNo of ["YH-10", "YH-11"]) {
      const payment = await prisma.fundPayment.findFirstOrThrow({ where: { voucherNo } });
      await decideFundPayment({ principal: college, paymentId: payment.id, decision: "confirm" });
    }
  });

  it("refuses a file that would overdraw the balance or names an unknown category, line by line", async () => {
    const table = await csv(
      [
        "支出日期,支出类别,支出金额（元）,用途,附件编号",
        "2026-03-01,实训设备,2500,数控实训台,HT-1",
        "2026-03-02,差旅,100,出差,",
        "2026-03-03,师资,1500.01,外聘教师,",
        "2026-03-04,其他,10,,",
      ].join("\n"),
    );
    const outcome = await importTable({ principal: college, kind: "ledger_entries", table });
    expect(outcome.status === "refused" ? outcome.errors.map((e) => [e.line, e.field ?? null, e.reason]) : outcome).toEqual([
      [3, "支出类别", "支出类别“差旅”应为 实训设备、师资、学生补助、课程开发、其他 之一"],
      [4, null, "支出金额超过专款余额（专款余额按文件顺序扣减后为 1500.00 元）"],
      [5, "用途", "请填写用途"],
    ]);
    expect((await getCollegeLedger({ principal: college, collegeId: registry.college.id })).balanceFen).toBe(400_000);
  });

  it("books a good file's entries in order, each with the balance after it", async () => {
    const table = await csv(["支出日期,支出类别,支出金额（元）,用途,附件编号", "2026-03-01,实训设备,2500,数控实训台,HT-1", "2026-03-05,student_aid,1500,困难学生补助,"].join("\n"));
    expect(await importTable({ principal: college, kind: "ledger_entries", table })).toEqual({ status: "done", created: 2 });
    const ledger = await getCollegeLedger({ principal: college, collegeId: registry.college.id });
    expect(ledger.balanceFen).toBe(0);
    expect(ledger.entries.filter((e) => e.kind === "spending").map((e) => [e.category, e.amountFen, e.balanceFen])).toEqual(
      expect.arrayContaining([
        ["equipment", 250_000, 150_000],
        ["student_aid", 150_000, 0],
      ]),
    );
  });

  it("runs through an ImportJob whose page names the errors and leads back to the ledger; the template is the college's alone", async () => {
    const file = new File(["支出日期,支出类别,支出金额（元）,用途\n2026-03-06,其他,1,耗材"], "支出.csv", { type: "text/csv" });
    const id = await startImport({ principal: college, kind: "ledger_entries", file });
    const job = await readImportJob({ principal: college, id });
    expect(job).toMatchObject({ kindLabel: "专款支出", status: "refused", backTo: "/college/ledger", errors: [{ line: 2, reason: "支出金额超过专款余额（专款余额按文件顺序扣减后为 0.00 元）" }] });
    expect((await refusal(readImportJob({ principal: enterprise, id }))).status).toBe(404);
    const template = await importTemplateFor({ principal: college, kind: "ledger_entries" });
    expect(template.columns.map((c) => c.header)).toEqual(["支出日期", "支出类别", "支出金额（元）", "用途", "附件编号"]);
    expect((await refusal(importTemplateFor({ principal: enterprise, kind: "ledger_entries" }))).status).toBe(403);
  });
});
