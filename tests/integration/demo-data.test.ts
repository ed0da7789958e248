import bcrypt from "bcryptjs";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { majorClassOf } from "~/domain/catalogue/majors";
import { checkCreditCode } from "~/domain/ids/credit-code";
import { birthDateOfIdentityNumber, checkIdentityNumber, genderOfIdentityNumber, maskIdentityNumber } from "~/domain/ids/identity-number";
import { checkMobilePhone } from "~/domain/ids/mobile-phone";
import { checkSchoolCode } from "~/domain/ids/school-code";
import { prisma } from "~/utils/db.server";
import { decryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import { DEFAULT_SEED, DEMO_PASSWORD, type DemoAccount } from "../../prisma/demo/generate";
import { loadDemoData, openDatabase, sqliteDateTime, type SqliteDatabase } from "../../prisma/demo/load";
import { copyTemplateDatabase } from "../setup/template-db";
import { onPostgres } from "../setup/template-pg";

const PII_KEY = process.env.PII_KEY!;
const copies: string[] = [];

/** A freshly migrated file of this test's own, removed afterwards. */
function freshCopy(name: string): string {
  const file = copyTemplateDatabase(`${name}-${process.pid}`);
  copies.push(file);
  return file;
}

/** A freshly migrated file with the small data set of the given seed. */
function seededCopy(name: string, seed: number): SqliteDatabase {
  const db = openDatabase(`file:${freshCopy(name)}`);
  loadDemoData(db, { scale: "small", seed, piiKey: PII_KEY });
  return db;
}

/** Every table's rows, hashed: equal fingerprints mean byte-identical data. */
function fingerprint(db: SqliteDatabase): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, createHash("sha256").update(JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all())).digest("hex")]),
  );
}

let accounts: DemoAccount[];

beforeAll(() => {
  if (onPostgres) return;
  const db = openDatabase(process.env.DATABASE_URL!);
  accounts = loadDemoData(db, { scale: "small", seed: DEFAULT_SEED, piiKey: PII_KEY }).accounts;
  db.close();
});

afterAll(() => {
  for (const file of copies) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

// The SQLite loader, byte for byte; demo-data-postgres.test.ts covers the PostgreSQL one (ADR 100).
describe.skipIf(onPostgres)("demo data, small scale", () => {
  it("has the province's geography, catalogue and registries at the planned sizes", async () => {
    expect(await prisma.city.count()).toBe(11);
    expect(await prisma.county.count()).toBe(100);
    expect(await prisma.majorCategory.count({ where: { level: "高职" } })).toBe(19);
    expect(await prisma.majorCategory.count({ where: { level: "中职" } })).toBe(19);
    expect(await prisma.park.count({ where: { level: "national" } })).toBe(19);
    expect(await prisma.trainingBase.count()).toBe(12);
    expect(await prisma.college.count()).toBe(15);
    expect(await prisma.enterprise.count()).toBe(200);
    expect(await prisma.graduate.count()).toBe(400);
    expect(await prisma.job.count()).toBe(240);
    expect(await prisma.order.count()).toBe(60);
    expect(await prisma.placement.count()).toBeGreaterThan(150);
    expect(await prisma.application.count()).toBeGreaterThan(450);
    expect(await prisma.bureau.count({ where: { level: "county" } })).toBe(100);
    expect(await prisma.bureau.count({ where: { level: "city" } })).toBe(11);
  });

  it("stores identity numbers that decrypt to valid numbers matching hash, mask, gender and birth date", async () => {
    const graduates = await prisma.graduate.findMany();
    for (const g of graduates) {
      const id = decryptIdNumber(g.idNumberCipher, PII_KEY);
      expect(checkIdentityNumber(id), id).toEqual({ ok: true });
      expect(g.idNumberHash).toBe(hashIdNumber(id, PII_KEY));
      expect(g.idNumberMasked).toBe(maskIdentityNumber(id));
      expect(g.gender).toBe(genderOfIdentityNumber(id));
      expect(g.birthDate).toEqual(birthDateOfIdentityNumber(id));
      expect(checkMobilePhone(g.phone)).toEqual({ ok: true });
    }
  });

  it("gives enterprises valid, unique credit codes registered in their park's county", async () => {
    const enterprises = await prisma.enterprise.findMany({ include: { park: true } });
    for (const e of enterprises) {
      expect(checkCreditCode(e.creditCode), e.creditCode).toEqual({ ok: true });
      expect(e.creditCode.slice(0, 8)).toBe(`91${e.park.countyCode}`);
    }
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(enterprises.length);
  });

  it("gives colleges valid school codes and majors of their level", async () => {
    const colleges = await prisma.college.findMany({ include: { majors: { include: { major: true } } } });
    for (const c of colleges) {
      expect(checkSchoolCode(c.schoolCode), c.schoolCode).toEqual({ ok: true });
      expect(c.schoolCode.slice(0, 4)).toBe(c.level === "中职" || c.level === "技工院校" ? "3636" : "4136");
      expect(c.majors.length).toBeGreaterThan(0);
      const majorLevel = c.level === "中职" || c.level === "技工院校" ? "中职" : "高职";
      for (const m of c.majors) expect(m.major.level).toBe(majorLevel);
    }
  });

  it("places each graduate at most once, and exactly the graduates marked placed", async () => {
    const placements = await prisma.placement.findMany({ select: { graduateId: true } });
    const placed = placements.map((p) => p.graduateId);
    expect(new Set(placed).size).toBe(placed.length);
    const marked = await prisma.graduate.findMany({ where: { status: "placed" }, select: { id: true } });
    expect(new Set(marked.map((g) => g.id))).toEqual(new Set(placed));
  });

  it("records major relevance by the rule, and placements after graduation, hire and posting", async () => {
    const placements = await prisma.placement.findMany({ include: { graduate: true, job: true, order: true, application: true } });
    for (const p of placements) {
      const cls = majorClassOf(p.graduate.majorCode);
      const relevant = p.job ? (JSON.parse(p.job.majorClasses) as string[]).includes(cls) : majorClassOf(p.order!.majorCode) === cls;
      expect(p.majorRelevant).toBe(relevant);
      expect(p.inProvincePark).toBe(true);
      expect(p.application?.status).toBe("hired");
      expect(p.startDate.getTime()).toBeGreaterThan(p.graduate.graduationDate.getTime());
      expect(p.createdAt.getTime()).toBeLessThanOrEqual(p.startDate.getTime());
      expect(p.application!.createdAt.getTime()).toBeLessThan(p.createdAt.getTime());
      if (p.job) expect(p.job.postedAt.getTime()).toBeLessThan(p.createdAt.getTime());
      expect(p.confirmedAt === null).toBe(p.contractMonths === null);
      if (p.job) {
        expect(p.monthlyWageFen).toBeGreaterThanOrEqual(p.job.wageMinFen);
        expect(p.monthlyWageFen).toBeLessThanOrEqual(p.job.wageMaxFen);
      }
    }
    const relevant = placements.filter((p) => p.majorRelevant).length;
    expect(relevant / placements.length).toBeGreaterThan(0.6);
  });

  it("fills orders only as far as their quantity, counting their placements", async () => {
    const orders = await prisma.order.findMany({ include: { _count: { select: { placements: true } } } });
    for (const o of orders) {
      expect(o.quantityFilled).toBeLessThanOrEqual(o.quantity);
      expect(o.quantityFilled).toBe(o._count.placements);
    }
    expect(orders.some((o) => o.status === "fulfilled")).toBe(true);
  });

  it("verifies six in ten past graduates' highest certificates, so senior orders have candidates (ADR 166)", async () => {
    const graduates = await prisma.graduate.findMany({ select: { skillLevel: true, verifiedSkillLevel: true, certificates: { select: { level: true, verifiedAt: true, issuedAt: true, certificateNo: true } } } });
    for (const g of graduates) {
      const verified = g.certificates.filter((c) => c.verifiedAt !== null);
      expect(g.verifiedSkillLevel).toBe(verified.length ? Math.min(...verified.map((c) => c.level)) : null);
      for (const c of verified) {
        expect(c.verifiedAt!.getTime()).toBeGreaterThan(c.issuedAt.getTime());
        expect(c.certificateNo).toMatch(/^S\d{4}36\d{8}$/);
      }
    }
    const certified = graduates.filter((g) => g.skillLevel !== null);
    const share = certified.filter((g) => g.verifiedSkillLevel !== null).length / certified.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
    const seniorCandidates = await prisma.graduate.count({ where: { status: "available", verifiedSkillLevel: { lte: 3 } } });
    expect(seniorCandidates).toBeGreaterThan(0);
  });

  it("keeps active applications keyed, ended ones unkeyed, and every history consistent", async () => {
    const applications = await prisma.application.findMany({ include: { events: { orderBy: { id: "asc" } } } });
    for (const a of applications) {
      const active = ["submitted", "viewed", "shortlisted", "offered"].includes(a.status);
      expect(a.activeKey).toBe(active ? (a.jobId ? `job:${a.jobId}` : `order:${a.orderId}`) : null);
      expect(a.events[0]).toMatchObject({ fromStatus: null, toStatus: "submitted" });
      expect(a.events.at(-1)!.toStatus).toBe(a.status);
      for (let i = 1; i < a.events.length; i++) {
        expect(a.events[i]!.fromStatus).toBe(a.events[i - 1]!.toStatus);
        expect(a.events[i]!.at.getTime()).toBeGreaterThanOrEqual(a.events[i - 1]!.at.getTime());
      }
    }
  });

  it("leaves at least one park without a current pairing, and pairs every other park", async () => {
    const parks = await prisma.park.findMany({ include: { pairings: { where: { endDate: null } } } });
    const unpaired = parks.filter((p) => p.pairings.length === 0);
    expect(unpaired.length).toBeGreaterThanOrEqual(1);
    expect(unpaired.length).toBeLessThanOrEqual(Math.ceil(parks.length * 0.1));
    expect(unpaired.map((p) => p.name)).not.toContain("南昌经开区");
  });

  it("reads back dates and booleans written by the loader exactly as Prisma writes them", async () => {
    const db = openDatabase(process.env.DATABASE_URL!);
    const raw = db.prepare('SELECT id, startDate, confirmedAt, majorRelevant FROM "Placement" ORDER BY id LIMIT 50').all() as {
      id: number; startDate: string; confirmedAt: string | null; majorRelevant: number;
    }[];
    const postedAt = (db.prepare('SELECT postedAt FROM "Job" ORDER BY postedAt LIMIT 1 OFFSET 100').get() as { postedAt: string }).postedAt;
    const rawLater = (db.prepare('SELECT COUNT(*) AS n FROM "Job" WHERE postedAt >= ?').get(postedAt) as { n: number }).n;
    db.close();
    for (const row of raw) {
      const p = await prisma.placement.findUniqueOrThrow({ where: { id: row.id } });
      expect(sqliteDateTime(p.startDate)).toBe(row.startDate);
      expect(p.startDate.getUTCHours()).toBe(0);
      expect(p.confirmedAt === null ? null : sqliteDateTime(p.confirmedAt)).toBe(row.confirmedAt);
      expect(p.majorRelevant).toBe(row.majorRelevant === 1);
    }
    expect(await prisma.job.count({ where: { postedAt: { gte: new Date(postedAt) } } })).toBe(rawLater);

    const nationalDay = await prisma.calendarDay.findUniqueOrThrow({ where: { date: new Date("2026-10-01T00:00:00Z") } });
    expect(nationalDay).toMatchObject({ isWorkday: false, name: "国庆节" });
    const makeUpDay = await prisma.calendarDay.findUniqueOrThrow({ where: { date: new Date("2026-09-20T00:00:00Z") } });
    expect(makeUpDay.isWorkday).toBe(true);

    const subsidy = await prisma.policyVersion.findUniqueOrThrow({ where: { kind_version: { kind: "subsidy", version: 1 } } });
    expect(subsidy.effectiveFrom).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(JSON.parse(subsidy.data)).toMatchObject({ minContractMonths: 12, tuitionFen: { 高职: 300000, 中职: 200000 } });
  });

  it("creates the demo accounts for every role, scoped to the showcase park and its college", async () => {
    expect(accounts.map((a) => a.login)).toEqual(["province", "park", "college", "enterprise", "bureau", "graduate", "graduate2", "citybureau"]);
    const byLogin = new Map((await prisma.account.findMany()).map((a) => [a.login, a]));
    for (const login of byLogin.keys()) expect(bcrypt.compareSync(DEMO_PASSWORD, byLogin.get(login)!.passwordHash)).toBe(true);

    expect(byLogin.get("province")).toMatchObject({ role: "province", displayName: "省园区办管理员" });
    const park = await prisma.park.findUniqueOrThrow({ where: { name: "南昌经开区" } });
    expect(byLogin.get("park")).toMatchObject({ role: "park", parkId: park.id });

    const college = await prisma.college.findUniqueOrThrow({
      where: { id: byLogin.get("college")!.collegeId! },
      include: { pairings: { where: { parkId: park.id, endDate: null } } },
    });
    expect(college.level).toBe("高职");
    expect(college.pairings).toHaveLength(1);

    const enterprise = await prisma.enterprise.findUniqueOrThrow({
      where: { id: byLogin.get("enterprise")!.enterpriseId! },
      include: { _count: { select: { jobs: true, orders: true, placements: true } } },
    });
    expect(enterprise.parkId).toBe(park.id);
    expect(enterprise._count.jobs).toBeGreaterThan(0);
    expect(enterprise._count.orders).toBeGreaterThan(0);
    expect(enterprise._count.placements).toBeGreaterThan(0);

    const bureau = await prisma.bureau.findUniqueOrThrow({ where: { id: byLogin.get("bureau")!.bureauId! } });
    expect(bureau).toMatchObject({ level: "county", countyCode: park.countyCode });
    const cityBureau = await prisma.bureau.findUniqueOrThrow({ where: { id: byLogin.get("citybureau")!.bureauId! } });
    expect(cityBureau).toMatchObject({ level: "city", cityCode: park.cityCode });

    const seeking = await prisma.graduate.findUniqueOrThrow({
      where: { id: byLogin.get("graduate")!.graduateId! },
      include: { applications: true },
    });
    expect(seeking.collegeId).toBe(college.id);
    expect(seeking.status).toBe("available");
    expect(seeking.applications.length).toBeGreaterThan(0);
    const placed = await prisma.graduate.findUniqueOrThrow({ where: { id: byLogin.get("graduate2")!.graduateId! } });
    expect(placed).toMatchObject({ collegeId: college.id, status: "placed" });
  });

  it("is deterministic: the same seed gives byte-identical data, another seed other data", () => {
    const first = seededCopy("demo-a", DEFAULT_SEED);
    const second = seededCopy("demo-b", DEFAULT_SEED);
    const other = seededCopy("demo-c", DEFAULT_SEED + 1);
    const summary = (db: SqliteDatabase) => ({
      counts: db.prepare('SELECT (SELECT COUNT(*) FROM "Graduate") g, (SELECT COUNT(*) FROM "Application") a, (SELECT COUNT(*) FROM "Placement") p').get(),
      graduates: db.prepare('SELECT name FROM "Graduate" WHERE id IN ((SELECT MIN(id) FROM "Graduate"), (SELECT MAX(id) FROM "Graduate")) ORDER BY id').all(),
      creditCodes: db.prepare('SELECT creditCode FROM "Enterprise" ORDER BY id').all(),
    });
    expect(summary(second)).toEqual(summary(first));
    expect(fingerprint(second)).toEqual(fingerprint(first));
    expect(summary(other).creditCodes).not.toEqual(summary(first).creditCodes);
    for (const db of [first, second, other]) db.close();
  });

  it("leaves a seeded database alone when set-up runs again, and regenerates it with --reset", () => {
    const file = freshCopy("demo-cli");
    const seed = (...args: string[]) =>
      execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "small", "--database", `file:${file}`, ...args], {
        env: { ...process.env, PII_KEY }, encoding: "utf8",
      });
    const fingerprintOfFile = () => {
      const db = openDatabase(`file:${file}`);
      // Activation letters are issued afresh on every run (codes are kept only hashed).
      const { ActivationCode: _letters, ...rest } = fingerprint(db);
      db.close();
      return rest;
    };
    const reference = seededCopy("demo-reference", DEFAULT_SEED);
    const { ActivationCode: _none, ...generated } = fingerprint(reference);
    reference.close();
    const first = seed();
    expect(first).toContain("graduate2");
    // After loading, set-up settles part of the 2025 training-fund statement and files and decides the demo
    // enterprise's 2026 worker-training claims, through the services.
    expect(first).toMatch(/培训经费结算演示：2025 年度对账单，[1-9]\d* 笔付款，[1-9]\d* 笔专款支出/);
    expect(first).toContain("职工技能提升补贴演示：6 笔申请（2026 年），其中 2 笔已发放");
    const seeded = fingerprintOfFile();
    const again = seed();
    expect(again).toContain("演示数据已存在，跳过生成");
    expect(again).toMatch(/enterprise\s+企业\s+Demo@2026/);
    expect(again).toMatch(/尚未激活的演示毕业生[\s\S]*[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}/);
    expect(again).not.toContain("培训经费结算演示");
    expect(again).not.toContain("职工技能提升补贴演示");
    expect(fingerprintOfFile()).toEqual(seeded);
    expect(seed("--reset")).toContain("各表行数");
    const reset = fingerprintOfFile();
    // Everything the generator writes is as generated; the tables of the steps that go through the services (the
    // settlement's, stamped with the time of the run, and the notifications they send; the worker-training claims,
    // their trainees, audit entries, batch and budget reservations) are filled again, not doubled.
    const settledTables = Object.keys(reset).filter((t) => reset[t] !== generated[t]);
    expect(settledTables.sort()).toEqual(
      [
        "BudgetAllocation", "CollegeFundBalance", "CollegeLedgerEntry", "FundAllocation", "FundPayment", "FundRun", "Notification",
        "PaymentBatch", "SubsidyAuditEvent", "SubsidyClaim", "WorkerTrainee",
      ].filter((t) => t in reset),
    );
    const db = openDatabase(`file:${file}`);
    const live = db.prepare(`SELECT COUNT(*) AS n FROM "ActivationCode" WHERE "usedAt" IS NULL AND "revokedAt" IS NULL`).get() as { n: number };
    expect(live.n).toBe(3);
    const runs = db.prepare(`SELECT COUNT(*) AS n FROM "FundRun"`).get() as { n: number };
    expect(runs.n).toBe(1);
    const claims = db.prepare(`SELECT "status", COUNT(*) AS n FROM "SubsidyClaim" WHERE "kind" = 'worker_training' GROUP BY "status" ORDER BY "status"`).all();
    expect(claims).toEqual([
      { status: "approved", n: 1 },
      { status: "paid", n: 2 },
      { status: "pending_review", n: 2 },
      { status: "rejected", n: 1 },
    ]);
    db.close();
  }, 180_000);
});
