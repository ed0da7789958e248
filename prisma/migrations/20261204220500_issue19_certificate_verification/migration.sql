-- AlterTable
ALTER TABLE "Graduate" ADD COLUMN "verifiedSkillLevel" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "issuingBody" TEXT,
    "certificateNo" TEXT,
    "verifiedAt" DATETIME,
    "verifiedById" INTEGER,
    CONSTRAINT "Certificate_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("graduateId", "id", "issuedAt", "level", "name") SELECT "graduateId", "id", "issuedAt", "level", "name" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE INDEX "Certificate_graduateId_idx" ON "Certificate"("graduateId");
CREATE UNIQUE INDEX "Certificate_issuingBody_certificateNo_key" ON "Certificate"("issuingBody", "certificateNo");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Issue 19 guard (ADR 165): a verified certificate is fixed — who verified it, when, the
-- issuing body and the number stay as recorded, and the certificate is not removed.
CREATE TRIGGER "Certificate_verified_no_update" BEFORE UPDATE ON "Certificate"
WHEN OLD."verifiedAt" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'Certificate is verified and fixed');
END;

CREATE TRIGGER "Certificate_verified_no_delete" BEFORE DELETE ON "Certificate"
WHEN OLD."verifiedAt" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'Certificate is verified and fixed');
END;
