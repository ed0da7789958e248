/**
 * The few SQL fragments that differ between SQLite and PostgreSQL (ADR 100). Everything
 * else in raw SQL is written once: quoted identifiers, `Prisma.sql` placeholders, DateTime
 * parameters (the SQLite adapter binds a Date in the very text it stores).
 */
import { Prisma } from "~/generated/prisma/client";
import { databaseProvider } from "./db.server";

/** "YYYY-MM" of a DateTime column (UTC). */
export function sqlMonthOf(column: Prisma.Sql): Prisma.Sql {
  return databaseProvider() === "postgresql" ? Prisma.sql`to_char(${column}, 'YYYY-MM')` : Prisma.sql`substr(${column}, 1, 7)`;
}

/** One text value holding a JSON array with one array per row (`[[a, b], …]`, NULL when no rows): an aggregate. */
export function sqlJsonRows(columns: Prisma.Sql[]): Prisma.Sql {
  const list = Prisma.join(columns);
  return databaseProvider() === "postgresql" ? Prisma.sql`json_agg(json_build_array(${list}))::text` : Prisma.sql`json_group_array(json_array(${list}))`;
}

/** A FROM item over the elements of a JSON array given as text; each element is the column "value". */
export function sqlJsonElements(json: string): Prisma.Sql {
  return databaseProvider() === "postgresql" ? Prisma.sql`json_array_elements(${json}::json) AS j("value")` : Prisma.sql`json_each(${json})`;
}

/**
 * A Prisma filter for "the text contains q, ignoring case" on either database: SQLite's
 * LIKE already ignores ASCII case; PostgreSQL needs `mode: "insensitive"` (ILIKE), which
 * the SQLite client's types do not know (ADR 100).
 */
export function containsText(q: string): { contains: string } {
  return (databaseProvider() === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q }) as { contains: string };
}
