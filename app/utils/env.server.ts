import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The process environment, validated once at start-up. Secrets not given in the
 * environment are read from var/secrets.json, which `npm run setup` creates with
 * random values (docs/decisions/003-sessions-and-authorisation.md).
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A SQLite file (`file:…`, the default) or a PostgreSQL database (`postgresql://…`, ADR 100). */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must be file:<path> (SQLite) or postgresql://… (PostgreSQL)")
    .default("file:./prisma/dev.db"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  REDIS_PREFIX: z.string().default("pb"),
  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  /**
   * The embedded search engine's SQLite file (used when MEILI_HOST is unset). Default:
   * beside a SQLite database (prisma/dev.db → prisma/dev.search.db); required when the
   * database is not a SQLite file. Every web and worker process must name the same file.
   */
  SEARCH_DB_FILE: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(16),
  PII_KEY: z.string().min(16),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Cookies carry the Secure flag in production unless this is "false" (plain HTTP on an intranet). */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  /** How many reverse proxies in front of the app to trust for X-Forwarded-For; 0: the socket address. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** An HTTP SMS gateway for one-time codes and links; without one, messages wait in the outbox. */
  MESSAGE_GATEWAY_URL: z.string().url().optional(),
  MESSAGE_GATEWAY_TOKEN: z.string().optional(),
});
export type Env = z.infer<typeof EnvSchema>;

export const SECRETS_FILE = path.resolve("var/secrets.json");

export function readSecretsFile(): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

function loadEnv(): Env {
  const secrets = readSecretsFile();
  const raw = {
    ...process.env,
    SESSION_SECRET: process.env.SESSION_SECRET ?? secrets.SESSION_SECRET,
    PII_KEY: process.env.PII_KEY ?? secrets.PII_KEY,
  };
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(
      `Invalid environment (run \`npm run setup\` to create var/secrets.json):\n${problems.join("\n")}`,
    );
  }
  const searchProblem = searchConfigProblem(parsed.data);
  if (searchProblem) throw new Error(`Invalid environment:\n${searchProblem}`);
  return parsed.data;
}

/** Why the search engine cannot be placed (null when it can): no Meilisearch and no file for the embedded engine. */
export function searchConfigProblem(e: Pick<Env, "DATABASE_URL" | "MEILI_HOST" | "SEARCH_DB_FILE">): string | null {
  if (e.MEILI_HOST || e.SEARCH_DB_FILE || e.DATABASE_URL.startsWith("file:")) return null;
  return (
    "SEARCH_DB_FILE: required when DATABASE_URL is not a SQLite file and MEILI_HOST is not set — " +
    "name the embedded search engine's file (e.g. SEARCH_DB_FILE=/var/lib/parkbridge/search.db, the same for every process) " +
    "or set MEILI_HOST to use Meilisearch"
  );
}

/** Session cookies are Secure by default in production; COOKIE_SECURE overrides either way. */
export function cookiesSecure(e: Pick<Env, "NODE_ENV" | "COOKIE_SECURE"> = env()): boolean {
  return e.COOKIE_SECURE ? e.COOKIE_SECURE === "true" : e.NODE_ENV === "production";
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
