import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { isNameSortModel, withNameSort } from "~/utils/pinyin-sort";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

export type { Prisma } from "~/generated/prisma/client";

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

/** Which database DATABASE_URL names: SQLite (`file:`) or PostgreSQL (`postgresql://`). */
export type DatabaseProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** The provider of this process's database. */
export function databaseProvider(): DatabaseProvider {
  return providerOf(env().DATABASE_URL);
}

type Data = Record<string, unknown>;
const keyed = (model: string, data: unknown): unknown =>
  Array.isArray(data) ? data.map((d) => keyed(model, d)) : data && typeof data === "object" ? withNameSort(model, data as Data) : data;

/**
 * Every create, update and upsert of a model with a pinyin sort key (Park, College,
 * Enterprise, Graduate, …) through this client sets `nameSort` from `name`, so lists
 * ordered by it are in pinyin order on both databases (ADR 102). Raw SQL inserts and the
 * demo loader set it themselves; `npm run db:migrate` fills any key left empty.
 */
function withNameSortKeys(client: PrismaClient): PrismaClient {
  return client.$extends({
    name: "name-sort",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!isNameSortModel(model)) return query(args);
          const a = args as Data;
          switch (operation) {
            case "create":
            case "update":
            case "createMany":
            case "createManyAndReturn":
            case "updateMany":
            case "updateManyAndReturn":
              return query({ ...a, data: keyed(model, a.data) } as typeof args);
            case "upsert":
              return query({ ...a, create: keyed(model, a.create), update: keyed(model, a.update) } as typeof args);
            default:
              return query(args);
          }
        },
      },
    },
  }) as unknown as PrismaClient;
}

function createPrismaClient(url: string): PrismaClient {
  return withNameSortKeys(createBareClient(url));
}

function createBareClient(url: string): PrismaClient {
  if (providerOf(url) === "postgresql") {
    // The PostgreSQL client is generated from prisma/postgresql/schema.prisma, which is
    // derived from prisma/schema.prisma (same models, ADR 100): its query API is the
    // SQLite client's, so the rest of the app types against one client.
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  // better-sqlite3's `timeout` is SQLite's busy timeout: the web and worker processes
  // write to the same file, and each waits for the other instead of failing.
  const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

/** The one Prisma client of this process. */
export const prisma: PrismaClient = singleton("prisma", () => createPrismaClient(env().DATABASE_URL));

/**
 * SQLite: puts the database in WAL mode (persistent in the file) so readers never block
 * the writer. Called once per process before serving. PostgreSQL needs nothing here.
 */
export function ensureDatabaseReady(): Promise<void> {
  return singleton("prisma-ready", async () => {
    if (databaseProvider() === "postgresql") return;
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  });
}
