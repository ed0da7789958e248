import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEFAULT_SEED } from "../../prisma/demo/generate";
import { loadDemoDataPg, pgTables } from "../../prisma/demo/load-pg";
import { onPostgres } from "../setup/template-pg";

/** `npm run setup` on PostgreSQL (ADR 100): the demo loader, its sequences and its reset. */
describe.skipIf(!onPostgres)("demo data on PostgreSQL", () => {
  let client: pg.Client;
  let loaded: Map<string, number>;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    loaded = (await loadDemoDataPg(client, { scale: "small", seed: DEFAULT_SEED, piiKey: process.env.PII_KEY! })).rowsByTable;
  });

  afterAll(async () => {
    await client.end();
  });

  async function counts(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const t of await pgTables(client)) {
      const n = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0]!.n);
      if (n > 0) out.set(t, n);
    }
    return out;
  }

  it("holds every generated row, a province's worth of registries at small scale", async () => {
    expect(await counts()).toEqual(loaded);
    expect(await prisma.city.count()).toBe(11);
    expect(await prisma.account.findUnique({ where: { login: "province" }, select: { role: true } })).toEqual({ role: "province" });
  });

  it("moves every id sequence past the ids it loaded, so the app's next insert gets a new id", async () => {
    const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
      `SELECT table_name AS "table", column_name AS "column", pg_get_serial_sequence(quote_ident(table_name), column_name) AS "sequence"
         FROM information_schema.columns WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      const max = Number((await client.query(`SELECT COALESCE(MAX("${r.column}"), 0) AS m FROM "${r.table}"`)).rows[0].m);
      const next = Number((await client.query("SELECT nextval($1) AS n", [r.sequence])).rows[0].n);
      expect(next, r.table).toBeGreaterThan(max);
    }
    const city = await prisma.city.findFirstOrThrow();
    const park = await prisma.park.create({
      data: { name: "序列检查园区", level: "provincial", cityCode: city.code, countyCode: (await prisma.county.findFirstOrThrow({ where: { cityCode: city.code } })).code, lng: 115.9, lat: 28.7 },
    });
    expect(park.id).toBeGreaterThan(loaded.get("Park")!);
  });

  it("--reset empties every table and loads the same set again, with the guards in place", async () => {
    const again = (await loadDemoDataPg(client, { scale: "small", seed: DEFAULT_SEED, piiKey: process.env.PII_KEY!, reset: true })).rowsByTable;
    expect(again).toEqual(loaded);
    expect(await counts()).toEqual(loaded);
    await expect(client.query(`UPDATE "BudgetAllocation" SET "reservedFen" = "amountFen" + 1`)).rejects.toThrow(/BudgetAllocation_never_exceeded/);
  });
});
