import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyTo, hireApplicant } from "~/services/labour/applications.server";
import { createJob } from "~/services/labour/postings.server";
import type { Principal } from "~/utils/principal.server";
import { ensureDatabaseReady, prisma } from "~/utils/db.server";
import type { AppError } from "~/utils/errors.server";
import { openDatabase } from "../../prisma/demo/load";
import { buildRegistry, createGraduate } from "./fixtures";
import { makeTestOffer, principalOf, seedMajors, thrown } from "./labour-fixtures";
import { TMP_DIR } from "../setup/template-db";
import { onPostgres } from "../setup/template-pg";

/** A graduate holds at most one active placement (product.md §10), in the service and in the database. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let first: Principal;
let second: Principal;
let seq = 0;

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  const other = await prisma.enterprise.create({
    data: { creditCode: "91360100MA35F0002X", name: "第二家企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 50 },
  });
  first = await principalOf("hr-first", "enterprise", { enterpriseId: registry.enterprise.id });
  second = await principalOf("hr-second", "enterprise", { enterpriseId: other.id });
  await ensureDatabaseReady();
});

async function graduate() {
  seq += 1;
  const g = await createGraduate(registry.college.id, `一人一岗${seq}`);
  return { graduate: g, principal: await principalOf(`one-${seq}`, "graduate", { graduateId: g.id }) };
}

/**
 * Applications of the graduate to a fresh job of each enterprise, both offers accepted.
 * Accepting one offer withdraws the others, so the two acceptances are written directly, as a database from before the rule (or a path around
 * the service) would hold it: the hire must still refuse.
 */
async function acceptedAtBoth(grad: Principal): Promise<[number, number]> {
  const ids: number[] = [];
  for (const enterprise of [first, second]) {
    const job = await createJob({
      principal: enterprise,
      input: { title: "装配工", description: "装配", majorClasses: ["4601"], wageMinFen: 400_000, wageMaxFen: 500_000, openings: 3, skillLevelRequired: undefined },
    });
    const a = await applyTo({ principal: grad, target: { jobId: job.id } });
    await makeTestOffer(enterprise, a.id);
    ids.push(a.id);
  }
  await prisma.application.updateMany({ where: { id: { in: ids } }, data: { status: "accepted" } });
  return [ids[0]!, ids[1]!];
}

type Outcome = { placementId: number } | { status: number; message: string };

function hireInAnotherProcess(accountId: number, applicationId: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/helpers/hire.ts", String(accountId), String(applicationId)], {
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on("data", (d) => {
    out += d;
    if (out.startsWith("ready\n")) signalReady();
  });
  child.stderr.on("data", (d) => (err += d));
  const outcome = new Promise<Outcome>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as Outcome) : reject(new Error(`exit ${code}: ${err}`)))),
  );
  return { ready, go: () => child.stdin.end("go\n"), outcome };
}

describe("one active placement per graduate", () => {
  it("refuses a second enterprise's hire while the graduate is employed", async () => {
    const { graduate: g, principal: grad } = await graduate();
    const [a, b] = await acceptedAtBoth(grad);
    await hireApplicant({ principal: first, applicationId: a });
    const error = (await thrown(hireApplicant({ principal: second, applicationId: b }))) as AppError;
    expect(error.status).toBe(409);
    expect(error.message).toContain("已有在职就业记录");
    expect(await prisma.placement.count({ where: { graduateId: g.id } })).toBe(1);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: b } })).status).toBe("accepted");
  });

  it("is held by the database itself: a second active placement cannot be written, an ended one can", async () => {
    const { graduate: g, principal: grad } = await graduate();
    await hireApplicant({ principal: first, applicationId: (await acceptedAtBoth(grad))[0] });
    const row = { graduateId: g.id, enterpriseId: registry.enterprise.id, startDate: new Date("2026-12-02"), monthlyWageFen: 400_000, majorRelevant: true, inProvincePark: true };
    await expect(prisma.placement.create({ data: row })).rejects.toThrow();
    await expect(prisma.placement.create({ data: { ...row, endedOn: new Date("2026-12-31"), endReason: "其他" } })).resolves.toBeTruthy();
  });

  it("lets exactly one of two enterprises hiring the same graduate at the same moment, in two processes, succeed", async () => {
    const { graduate: g, principal: grad } = await graduate();
    const [a, b] = await acceptedAtBoth(grad);
    const hires = [hireInAnotherProcess(first.accountId, a), hireInAnotherProcess(second.accountId, b)];
    await Promise.all(hires.map((h) => h.ready));
    for (const h of hires) h.go();
    const outcomes = await Promise.all(hires.map((h) => h.outcome));
    const won = outcomes.filter((o) => "placementId" in o);
    expect(won).toHaveLength(1);
    const lost = outcomes.find((o) => !("placementId" in o)) as { status: number; message: string };
    expect(lost.status).toBe(409);
    expect(lost.message).toContain("已有在职就业记录");
    expect(await prisma.placement.count({ where: { graduateId: g.id, endedOn: null } })).toBe(1);
    const statuses = (await prisma.application.findMany({ where: { id: { in: [a, b] } } })).map((x) => x.status).sort();
    expect(statuses).toEqual(["accepted", "hired"]);
  });
});

// A SQLite migration of the history before PostgreSQL was supported (ADR 100): SQLite only.
describe.skipIf(onPostgres)("the migration for databases written before the rule", () => {
  it("keeps each graduate's earliest active placement, ends the rest on their start day and logs each", () => {
    const dirs = fs.readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).sort();
    const mine = dirs.findIndex((d) => d.endsWith("_issue14_one_active_placement"));
    const file = path.join(TMP_DIR, `migration-${process.pid}.db`);
    fs.rmSync(file, { force: true });
    const db = openDatabase(`file:${file}`);
    for (const d of dirs.slice(0, mine)) db.exec(fs.readFileSync(path.join("prisma/migrations", d, "migration.sql"), "utf8"));
    db.exec("PRAGMA foreign_keys = OFF");
    const insert = db.prepare(
      `INSERT INTO "Placement" ("id", "graduateId", "enterpriseId", "startDate", "monthlyWageFen", "majorRelevant", "inProvincePark") VALUES (?, ?, 1, ?, 400000, 1, 1)`,
    );
    // Graduate 1: four placements, the earliest is id 3; graduate 2: one placement.
    insert.run(1, 1, "2026-03-01T00:00:00.000+00:00");
    insert.run(2, 1, "2026-02-01T00:00:00.000+00:00");
    insert.run(3, 1, "2026-01-15T00:00:00.000+00:00");
    insert.run(4, 1, "2026-01-15T00:00:00.000+00:00");
    insert.run(5, 2, "2026-05-01T00:00:00.000+00:00");
    db.exec(fs.readFileSync(path.join("prisma/migrations", dirs[mine]!, "migration.sql"), "utf8"));
    const rows = db.prepare(`SELECT "id", "startDate", "endedOn", "endReason" FROM "Placement" ORDER BY "id"`).all() as {
      id: number; startDate: string; endedOn: string | null; endReason: string | null;
    }[];
    expect(rows.filter((r) => r.endedOn === null).map((r) => r.id)).toEqual([3, 5]);
    for (const r of rows.filter((x) => x.endedOn !== null)) expect(r).toMatchObject({ endedOn: r.startDate, endReason: "其他" });
    const events = db.prepare(`SELECT "placementId", "action", "detail" FROM "PlacementEvent" ORDER BY "placementId"`).all() as {
      placementId: number; action: string; detail: string;
    }[];
    expect(events.map((e) => e.placementId)).toEqual([1, 2, 4]);
    for (const e of events) expect(JSON.parse(e.detail)).toMatchObject({ keptPlacementId: 3 });
    expect(() => insert.run(6, 2, "2026-06-01T00:00:00.000+00:00")).toThrow(/UNIQUE/);
    db.close();
    fs.rmSync(file, { force: true });
  });
});
