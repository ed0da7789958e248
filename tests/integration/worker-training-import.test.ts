import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { importTable, importTemplateFor, readImportJob, startImport } from "~/services/registry/imports.server";
import { approveClaim } from "~/services/subsidy/review.server";
import { createWorkerTrainingClaim, listWorkerTrainingClaims, verifyWorkerCertificate } from "~/services/subsidy/worker-training.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { readTable } from "~/utils/tabular.server";
import { importTemplate } from "~/utils/table-export.server";
import { createAccount, refusal } from "./fixtures";
import { buildSubsidyRegistry, createSubsidyPolicy, fundBureau, nextIdNumber, principalOf } from "./subsidy-fixtures";

/**
 * Worker-training claims imported from a table file (issue 19, item 7): each row is filed as
 * the enterprise's form files it — same schema, same rules, same refusals in the same words —
 * and one bad row refuses the whole file.
 */
let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
let firm: Principal;
let officer: Principal;
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const BASE = "小蓝园校实训基地";
const HEADER = "职工姓名,身份证号,本企业参保起始日期,连续缴纳社保月数,实训基地,培训结束日期,证书名称,证书等级,发证日期,发证机构,证书编号";

const csv = (lines: string[]) => readTable(Buffer.from([HEADER, ...lines].join("\n"), "utf8"), "职工补贴.csv");
/** One row as a person writes it; `level` as on the certificate. */
const row = (name: string, idNumber: string, level = "中级工", changes: { trainingEndedOn?: string; base?: string; months?: string } = {}) =>
  [name, idNumber, `${YEAR}-01-01`, changes.months ?? "12", changes.base ?? BASE, changes.trainingEndedOn ?? `${YEAR}-01-20`, "电工", level, `${YEAR}-02-01`, "江西省职业技能鉴定指导中心", `C-${idNumber.slice(-6)}-${level}`].join(",");

const claimCount = () => prisma.subsidyClaim.count({ where: { kind: "worker_training" } });

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  // 技师 (level 2) is subsidised by this policy, so that one person can reach a fourth level in a year.
  await createSubsidyPolicy(1, "2020-01-01", { workerTraining: { amounts: { "5": 100_000, "4": 150_000, "3": 200_000, "2": 300_000 }, maxPerYear: 3 } });
  const here = registry.sites[0];
  const pairing = await prisma.pairing.create({ data: { parkId: here.park.id, collegeId: registry.college.id, startDate: new Date("2024-01-01") } });
  await prisma.trainingBase.create({ data: { name: BASE, parkId: here.park.id, pairingId: pairing.id, capacity: 200, trades: "[]", lng: 115.9, lat: 28.5 } });
  firm = await principalOf((await createAccount("wti-firm", "enterprise", { enterpriseId: here.enterprise.id })).id);
  officer = await principalOf(here.officer.id);
  await fundBureau(here.bureau.id, YEAR, { skills_upgrade: 10_000_000 });
});

describe("worker-training claim imports (enterprise)", () => {
  it("files every row of a good file as the form does: waiting for the bureau's review, certificate to be checked, in the audit log", async () => {
    const people = [nextIdNumber(), nextIdNumber(), nextIdNumber()];
    const outcome = await importTable({
      principal: firm,
      kind: "worker_training_claims",
      table: await csv([row("甲电工", people[0]!, "中级工"), row("乙焊工", people[1]!, "三级"), row("丙钳工", people[2]!, "5")]),
    });
    expect(outcome).toEqual({ status: "done", created: 3 });
    const claims = await listWorkerTrainingClaims({ principal: firm });
    expect(claims.map((c) => [c.trainee.name, c.trainee.certificateLevel, c.amountFen, c.status, c.trainee.certificateVerifiedAt]).sort()).toEqual([
      ["丙钳工", 5, 100_000, "pending_review", null],
      ["乙焊工", 3, 200_000, "pending_review", null],
      ["甲电工", 4, 150_000, "pending_review", null],
    ]);
    const stored = await prisma.subsidyClaim.findMany({ where: { kind: "worker_training" }, include: { events: true } });
    expect(stored.every((c) => c.bureauId === registry.sites[0].bureau.id && c.events.map((e) => e.action).join() === "created")).toBe(true);
    // The certificate is still to be checked: the bureau cannot approve before it has verified it, as for a claim filed on the form.
    const first = stored[0]!;
    expect((await refusal(approveClaim({ principal: officer, claimId: first.id, source: "skills_upgrade" }))).message).toContain("证书尚未由院校或人社局核验");
  });

  it("refuses the whole file when one row is bad, naming the row and the reason in the form's words", async () => {
    // A person with three subsidies granted this year (初级, 中级, 高级): a 技师 claim is the fourth.
    const busy = nextIdNumber();
    for (const level of [5, 4, 3]) {
      const made = await createWorkerTrainingClaim({
        principal: firm,
        input: {
          name: "丁技工", idNumber: busy, insuredFrom: `${YEAR}-01-01`, insuredMonths: 12, baseId: (await prisma.trainingBase.findFirstOrThrow()).id,
          trainingEndedOn: `${YEAR}-01-20`, certificateName: "电工", certificateLevel: level, certificateIssuedOn: `${YEAR}-02-01`,
          certificateIssuer: "江西省职业技能鉴定指导中心", certificateNumber: `D-${level}`,
        },
      });
      await verifyWorkerCertificate({ principal: officer, claimId: made.claimId, issuer: "江西省职业技能鉴定指导中心", number: `D-${level}` });
      await approveClaim({ principal: officer, claimId: made.claimId, source: "skills_upgrade" });
    }
    const twice = nextIdNumber();
    const before = await claimCount();
    const good = nextIdNumber();

    const outcome = await importTable({
      principal: firm,
      kind: "worker_training_claims",
      table: await csv([
        row("戊好人", good), //                                                   2: good
        row("己错号", "360121200305151234"), //                                  3: check character wrong
        row("庚重复", twice, "初级工"), //                                       4: good
        row("庚重复", twice, "五级"), //                                         5: same person and level as line 4
        row("丁技工", busy, "技师"), //                                          6: fourth this year
        row("辛早证", nextIdNumber(), "中级工", { trainingEndedOn: `${YEAR}-02-10` }), // 7: certificate before the training ended
        row("壬无基地", nextIdNumber(), "中级工", { base: "不存在实训基地" }), // 8: unknown base
        row("癸等级", nextIdNumber(), "特级"), //                                 9: unknown level
        row("子无月数", nextIdNumber(), "中级工", { months: "" }), //             10: insured months missing
        row("丁技工", busy, "高级工"), //                                         11: already granted for this level
      ]),
    });
    expect(outcome.status).toBe("refused");
    const errors = outcome.status === "refused" ? outcome.errors.map((e) => [e.line, e.field ?? null, e.reason]) : [];
    expect(errors).toEqual([
      [3, "身份证号", expect.stringContaining("校验")],
      [5, "身份证号和证书等级", "身份证号和证书等级与第 4 行重复"],
      [6, null, `不符合职业技能提升补贴条件：${YEAR} 年已享受 3 次，达到每年 3 次上限`],
      [7, null, `不符合职业技能提升补贴条件：证书（${YEAR}-02-01）早于培训结束（${YEAR}-02-10）`],
      [8, "实训基地", "实训基地“不存在实训基地”不存在，请填写平台上的实训基地名称"],
      [9, "证书等级", "证书等级“特级”应为 初级工 / 中级工 / 高级工 / 技师 / 高级技师 之一"],
      [10, "连续缴纳社保月数", "请填写连续缴纳社保月数"],
      [11, null, `不符合职业技能提升补贴条件：已享受过高级工证书补贴（每人每个等级限一次）；${YEAR} 年已享受 3 次，达到每年 3 次上限`],
    ]);
    expect(await claimCount()).toBe(before);
    expect(await prisma.workerTrainee.count({ where: { name: { in: ["戊好人", "庚重复"] } } })).toBe(0);

    // A person whose claim for the level is still open is refused on its line, as the form refuses it (409).
    const open = await importTable({ principal: firm, kind: "worker_training_claims", table: await csv([row("戊好人", good), row("甲电工", nextIdNumber())]) });
    expect(open.status).toBe("done");
    const again = await importTable({
      principal: firm,
      kind: "worker_training_claims",
      table: await csv([row("丑新人", nextIdNumber()), row("戊好人", good, "4")]),
    });
    expect(again).toEqual({ status: "refused", errors: [{ line: 3, reason: "该职工本等级证书已有补贴申请在办理或已享受（每人每个等级限一次）" }] });
  });

  it("offers an XLSX template whose example imports as it is, and which imports again once filled in", async () => {
    const template = await importTemplateFor({ principal: firm, kind: "worker_training_claims" });
    expect(template.fileName).toBe("职工技能提升补贴申请导入模板");
    const buffer = await importTemplate(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const [data, notes] = workbook.worksheets;
    expect((data!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER.split(","));
    expect(notes!.name).toBe("填写说明");
    expect(notes!.rowCount).toBe(HEADER.split(",").length + 1);

    // Filled in: the example row kept, a second employee typed below it.
    const example = (data!.getRow(2).values as unknown[]).slice(1).map(String);
    expect(example[4]).toBe(BASE);
    const filled = [...example];
    filled[0] = "寅填写";
    filled[1] = nextIdNumber();
    filled[7] = "高级工";
    filled[10] = "TPL-0002";
    data!.addRow(filled);
    const written = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await claimCount();
    expect(await importTable({ principal: firm, kind: "worker_training_claims", table: await readTable(written, "模板.xlsx") })).toEqual({ status: "done", created: 2 });
    expect(await claimCount()).toBe(before + 2);
    // The next template's example is another person: the one just imported has a claim.
    const next = await importTemplateFor({ principal: firm, kind: "worker_training_claims" });
    expect(next.example[1]).not.toBe(example[1]);
  });

  it("runs through an ImportJob whose page names the bad line and leads back to the enterprise's claims; other roles may not import", async () => {
    const file = new File([[HEADER, row("卯坏号", "12345")].join("\n")], "补贴.csv", { type: "text/csv" });
    const id = await startImport({ principal: firm, kind: "worker_training_claims", file });
    const job = await readImportJob({ principal: firm, id });
    expect(job).toMatchObject({ status: "refused", kindLabel: "职工技能提升补贴申请", backTo: "/enterprise/training-subsidies", errorCount: 1 });
    expect(job.errors[0]).toMatchObject({ line: 2, field: "身份证号" });
    const table = await csv([row("辰某", nextIdNumber())]);
    expect((await refusal(importTable({ principal: officer, kind: "worker_training_claims", table }))).status).toBe(403);
    const college = await principalOf(registry.collegeAccount.id);
    expect((await refusal(importTemplateFor({ principal: college, kind: "worker_training_claims" }))).status).toBe(403);
  });
});
