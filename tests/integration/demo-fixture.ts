import pg from "pg";
import type { Role } from "~/domain/constants";
import { prisma } from "~/utils/db.server";
import { readSessionId, startSession } from "~/utils/session.server";
import { DEFAULT_SEED } from "../../prisma/demo/generate";
import { loadDemoData, openDatabase } from "../../prisma/demo/load";
import { loadDemoDataPg } from "../../prisma/demo/load-pg";
import { onPostgres } from "../setup/template-pg";

/**
 * The small demo data set (`npm run setup`) loaded into this test file's own database,
 * on SQLite or PostgreSQL: one account per role with records of its own and of others.
 */
export async function loadDemo(): Promise<void> {
  const piiKey = process.env.PII_KEY!;
  if (onPostgres) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await loadDemoDataPg(client, { scale: "small", seed: DEFAULT_SEED, piiKey });
    } finally {
      await client.end();
    }
    return;
  }
  const db = openDatabase(process.env.DATABASE_URL!);
  try {
    loadDemoData(db, { scale: "small", seed: DEFAULT_SEED, piiKey });
  } finally {
    db.close();
  }
}

/** The demo account that acts as each role. */
export const DEMO_LOGIN_OF: Record<Role, string> = {
  province: "province",
  park: "park",
  college: "college",
  enterprise: "enterprise",
  bureau: "bureau",
  graduate: "graduate",
};

/** A fresh signed-in session of a demo account: the Cookie header value and the form's CSRF token. */
export async function demoSession(login: string): Promise<{ cookie: string; csrf: string }> {
  const account = await prisma.account.findUniqueOrThrow({ where: { login }, select: { id: true } });
  const setCookie = await startSession(account.id);
  const cookie = setCookie.split(";")[0]!;
  const id = await readSessionId(new Request("http://app/", { headers: { Cookie: cookie } }));
  const session = await prisma.session.findUniqueOrThrow({ where: { id: id! }, select: { csrfToken: true } });
  return { cookie, csrf: session.csrfToken };
}
