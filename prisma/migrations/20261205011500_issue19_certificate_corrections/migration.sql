-- Issue 19 (ADR 167): correcting or revoking a certificate's verification, with an append-only log.

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CertificateEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "certificateId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorAccountId" INTEGER,
    "reason" TEXT,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateEvent_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CertificateEvent_actorAccountId_fkey" FOREIGN KEY ("actorAccountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateEvent_certificateId_revision_key" ON "CertificateEvent"("certificateId", "revision");

-- A verified certificate still never changes by itself (ADR 165), but it may move to its next
-- revision when that revision's CertificateEvent was written first (a correction or a
-- revocation, ADR 167); the holder, name, level and issue date never change.
DROP TRIGGER "Certificate_verified_no_update";
CREATE TRIGGER "Certificate_verified_no_update" BEFORE UPDATE ON "Certificate"
WHEN OLD."verifiedAt" IS NOT NULL AND NOT (
  NEW."revision" = OLD."revision" + 1
  AND NEW."graduateId" = OLD."graduateId" AND NEW."name" = OLD."name" AND NEW."level" = OLD."level" AND NEW."issuedAt" = OLD."issuedAt"
  AND EXISTS (SELECT 1 FROM "CertificateEvent" e WHERE e."certificateId" = OLD."id" AND e."revision" = NEW."revision")
)
BEGIN
  SELECT RAISE(ABORT, 'Certificate is verified and fixed');
END;

-- The log is append-only.
CREATE TRIGGER "CertificateEvent_no_update" BEFORE UPDATE ON "CertificateEvent"
BEGIN
  SELECT RAISE(ABORT, 'CertificateEvent is append-only');
END;
CREATE TRIGGER "CertificateEvent_no_delete" BEFORE DELETE ON "CertificateEvent"
BEGIN
  SELECT RAISE(ABORT, 'CertificateEvent is append-only');
END;
