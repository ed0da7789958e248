import { randomUUID } from "node:crypto";
import { copyTemplateDatabase } from "./template-db";

// Each test file gets its own migrated database, before any app module reads the env.
const file = copyTemplateDatabase(`it-${process.pid}-${randomUUID().slice(0, 8)}`);
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET ??= "integration-session-secret-0123456789";
process.env.PII_KEY ??= "integration-pii-key-0123456789abcdef";
process.env.NODE_ENV = "test";
process.env.REDIS_PREFIX ??= `pbtest-${process.pid}`;
