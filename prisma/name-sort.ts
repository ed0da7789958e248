/**
 * Fills the pinyin sort keys (ADR 102) of rows that still have the empty default: rows
 * that existed before the column did, or that a write path outside the Prisma client
 * extension left without one. `npm run db:migrate` runs it after the migrations, on
 * SQLite and PostgreSQL alike; it does nothing once every key is there.
 */
import { NAME_SORT_MODELS, pinyinSortKey, type NameSortModel } from "../app/utils/pinyin-sort";
import type { DemoStore } from "./demo/store";

export async function fillNameSortKeys(store: DemoStore): Promise<number> {
  let filled = 0;
  for (const model of Object.keys(NAME_SORT_MODELS) as NameSortModel[]) {
    const rows = await store.all<{ id: number | bigint; name: string }>(`SELECT "id", "name" FROM "${model}" WHERE "nameSort" = ''`);
    if (rows.length === 0) continue;
    await store.transaction(async () => {
      for (const row of rows) await store.run(`UPDATE "${model}" SET "nameSort" = ? WHERE "id" = ?`, [pinyinSortKey(row.name, NAME_SORT_MODELS[model]), Number(row.id)]);
    });
    filled += rows.length;
  }
  return filled;
}
