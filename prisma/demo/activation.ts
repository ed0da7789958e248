import { formatCode } from "../../app/domain/auth/one-time-code";
import { ACTIVATION_CODE_DAYS, hashActivationCode, newActivationCode } from "../../app/utils/one-time-code.server";
import { decryptIdNumber } from "../../app/utils/pii.server";
import type { DemoStore } from "./store";

/** How many of the demo college's graduates get a printed activation letter. */
export const DEMO_LETTERS = 3;

export type DemoLetter = { name: string; idNumber: string; mobile: string; code: string; expiresOn: string };

/**
 * Activation letters for a few graduates of the demo college who have not activated:
 * a fresh code each time setup runs (codes are stored hashed, so earlier ones cannot be
 * printed again and stop working). Their identity numbers are made up.
 */
export async function issueDemoActivationLetters(db: DemoStore, piiKey: string): Promise<DemoLetter[]> {
  const [college] = await db.all<{ collegeId: number }>(`SELECT "collegeId" FROM "Account" WHERE "login" = 'college'`);
  if (!college) return [];
  const graduates = await db.all<{ id: number; name: string; phone: string; idNumberCipher: string }>(
    `SELECT g."id", g."name", g."phone", g."idNumberCipher" FROM "Graduate" g
      WHERE g."collegeId" = ? AND g."status" = 'available'
        AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a."graduateId" = g."id")
      ORDER BY g."id" LIMIT ?`,
    [college.collegeId, DEMO_LETTERS],
  );
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_DAYS * 86_400_000);
  return db.transaction(async () => {
    const letters: DemoLetter[] = [];
    for (const g of graduates) {
      const code = newActivationCode();
      await db.run(`UPDATE "ActivationCode" SET "revokedAt" = ? WHERE "graduateId" = ? AND "usedAt" IS NULL AND "revokedAt" IS NULL`, [now, g.id]);
      await db.run(`INSERT INTO "ActivationCode" ("graduateId", "codeHash", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`, [
        g.id, hashActivationCode(code), expiresAt, now,
      ]);
      letters.push({
        name: g.name,
        idNumber: decryptIdNumber(g.idNumberCipher, piiKey),
        mobile: g.phone,
        code: formatCode(code),
        expiresOn: new Date(expiresAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      });
    }
    return letters;
  });
}
