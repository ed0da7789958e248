import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

export type { Prisma } from "~/generated/prisma/client";

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

function createPrismaClient(url: string): PrismaClient {
  // better-sqlite3's `timeout` is SQLite's busy timeout: the web and worker processes
  // write to the same file, and each waits for the other instead of failing.
  const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

/** The one Prisma client of this process. */
export const prisma: PrismaClient = singleton("prisma", () => createPrismaClient(env().DATABASE_URL));

/**
 * Puts the database in WAL mode (persistent in the file) so readers never block the
 * writer. Called once per process before serving.
 */
export function ensureDatabaseReady(): Promise<void> {
  return singleton("prisma-ready", async () => {
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  });
}
