import { formatCode } from "../../app/domain/auth/one-time-code";
import { ACTIVATION_CODE_DAYS, hashActivationCode, newActivationCode } from "../../app/utils/one-time-code.server";
import { decryptIdNumber } from "../../app/utils/pii.server";
import { sqliteDateTime, type SqliteDatabase } from "./load";

/** How many of the demo college's graduates get a printed activation letter. */
export const DEMO_LETTERS = 3;

export type DemoLetter = { name: string; idNumber: string; mobile: string; code: string; expiresOn: string };

/**
 * Activation letters for a few graduates of the demo college who have not activated:
 * a fresh code each time setup runs (codes are stored hashed, so earlier ones cannot be
 * printed again and stop working). Their identity numbers are made up.
 */
export function issueDemoActivationLetters(db: SqliteDatabase, piiKey: string): DemoLetter[] {
  const college = db.prepare(`SELECT "collegeId" FROM "Account" WHERE "login" = 'college'`).get() as { collegeId: number } | undefined;
  if (!college) return [];
  const graduates = db
    .prepare(
      `SELECT g."id", g."name", g."phone", g."idNumberCipher" FROM "Graduate" g
        WHERE g."collegeId" = ? AND g."status" = 'available'
          AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a."graduateId" = g."id")
        ORDER BY g."id" LIMIT ?`,
    )
    .all(college.collegeId, DEMO_LETTERS) as { id: number; name: string; phone: string; idNumberCipher: string }[];
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_DAYS * 86_400_000);
  const revoke = db.prepare(`UPDATE "ActivationCode" SET "revokedAt" = ? WHERE "graduateId" = ? AND "usedAt" IS NULL AND "revokedAt" IS NULL`);
  const insert = db.prepare(`INSERT INTO "ActivationCode" ("graduateId", "codeHash", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`);
  return db.transaction(() =>
    graduates.map((g) => {
      const code = newActivationCode();
      revoke.run(sqliteDateTime(now), g.id);
      insert.run(g.id, hashActivationCode(code), sqliteDateTime(expiresAt), sqliteDateTime(now));
      return {
        name: g.name,
        idNumber: decryptIdNumber(g.idNumberCipher, piiKey),
        mobile: g.phone,
        code: formatCode(code),
        expiresOn: new Date(expiresAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      };
    }),
  )();
}
