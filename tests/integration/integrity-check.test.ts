import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "../../prisma/demo/generate";
import { loadDemoData, openDatabase, type SqliteDatabase } from "../../prisma/demo/load";
import { copyTemplateDatabase } from "../setup/template-db";

/** `npm run cli -- check` (issue 14, item 11): clean on the demo data, non-zero with the broken rows named. */
const file = copyTemplateDatabase(`integrity-${process.pid}`);
let db: SqliteDatabase;

beforeAll(() => {
  db = openDatabase(`file:${file}`);
  loadDemoData(db, { scale: "small", seed: DEFAULT_SEED, piiKey: process.env.PII_KEY! });
});

afterAll(() => {
  db.close();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

function check() {
  const run = spawnSync("npx", ["tsx", "scripts/cli.ts", "check"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, encoding: "utf8" });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe("npm run cli -- check", () => {
  it("finds nothing wrong in the demo data at small scale", () => {
    const { status, out } = check();
    expect(out).toContain("就业记录完整性检查通过");
    expect(status).toBe(0);
  });

  it("names an overfilled order and a hire after its order closed, and exits non-zero", () => {
    const order = db.prepare(`SELECT "id", "quantity" FROM "Order" WHERE "quantityFilled" > 0 ORDER BY "id" LIMIT 1`).get() as { id: number; quantity: number };
    db.prepare(`UPDATE "Order" SET "quantityFilled" = "quantity" + 1 WHERE "id" = ?`).run(order.id);
    const placement = db.prepare(`SELECT "id", "orderId" FROM "Placement" WHERE "orderId" IS NOT NULL ORDER BY "id" LIMIT 1`).get() as { id: number; orderId: number };
    db.prepare(`INSERT INTO "OrderEvent" ("orderId", "fromStatus", "toStatus", "at") VALUES (?, 'open', 'closed', ?)`).run(placement.orderId, "2000-01-01T00:00:00.000+00:00");
    const { status, out } = check();
    expect(status).toBe(1);
    expect(out).toContain(`✗ 订单的已录用人数大于需求人数：1（编号 ${order.id}）`);
    expect(out).toMatch(new RegExp(`✗ 订单关闭后录用的就业记录：\\d+（编号 [^）]*\\b${placement.id}\\b`));
    expect(out).toContain("发现");
    expect(out).toContain("✓ 毕业生同时有多条在职就业记录：0");
  });
});
