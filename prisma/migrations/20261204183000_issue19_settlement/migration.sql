-- AlterTable
ALTER TABLE "FundRun" ADD COLUMN "issuedOn" DATETIME;

-- CreateTable
CREATE TABLE "FundPayment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "collegeId" INTEGER,
    "recipient" TEXT NOT NULL,
    "paidOn" DATETIME NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "voucherNo" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "disputeReason" TEXT,
    "recordedById" INTEGER,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FundPayment_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundPayment_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollegeFundBalance" (
    "collegeId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "balanceFen" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "CollegeFundBalance_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollegeLedgerEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "collegeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "amountFen" BIGINT NOT NULL,
    "entryOn" DATETIME NOT NULL,
    "purpose" TEXT NOT NULL,
    "attachmentRef" TEXT,
    "paymentId" INTEGER,
    "balanceFen" BIGINT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CollegeLedgerEntry_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CollegeLedgerEntry_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "FundPayment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "lineKey" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FundAllocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "declarationId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "collegeId" INTEGER,
    "recipient" TEXT NOT NULL DEFAULT 'college',
    "year" INTEGER NOT NULL,
    "feeFen" BIGINT NOT NULL,
    "shareFen" BIGINT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "placements" INTEGER NOT NULL,
    CONSTRAINT "FundAllocation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "FundRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "PayrollDeclaration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FundAllocation" ("amountFen", "collegeId", "declarationId", "enterpriseId", "feeFen", "id", "placements", "runId", "shareFen", "year") SELECT "amountFen", "collegeId", "declarationId", "enterpriseId", "feeFen", "id", "placements", "runId", "shareFen", "year" FROM "FundAllocation";
DROP TABLE "FundAllocation";
ALTER TABLE "new_FundAllocation" RENAME TO "FundAllocation";
CREATE INDEX "FundAllocation_collegeId_year_idx" ON "FundAllocation"("collegeId", "year");
CREATE UNIQUE INDEX "FundAllocation_runId_enterpriseId_collegeId_key" ON "FundAllocation"("runId", "enterpriseId", "collegeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FundPayment_year_collegeId_idx" ON "FundPayment"("year", "collegeId");

-- CreateIndex
CREATE INDEX "FundPayment_year_enterpriseId_idx" ON "FundPayment"("year", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "FundPayment_enterpriseId_voucherNo_key" ON "FundPayment"("enterpriseId", "voucherNo");

-- CreateIndex
CREATE UNIQUE INDEX "CollegeLedgerEntry_paymentId_key" ON "CollegeLedgerEntry"("paymentId");

-- CreateIndex
CREATE INDEX "CollegeLedgerEntry_collegeId_entryOn_idx" ON "CollegeLedgerEntry"("collegeId", "entryOn");

-- CreateIndex
CREATE UNIQUE INDEX "FundReminder_year_enterpriseId_lineKey_period_key" ON "FundReminder"("year", "enterpriseId", "lineKey", "period");


-- Issue 19 guards (ADR 061): a college's 专款专用 balance never goes below zero, and its
-- ledger is append-only, like the subsidy audit log.
CREATE TRIGGER "CollegeFundBalance_never_negative" BEFORE UPDATE OF "balanceFen" ON "CollegeFundBalance"
WHEN NEW."balanceFen" < 0
BEGIN
  SELECT RAISE(ABORT, 'CollegeFundBalance balanceFen below zero');
END;

CREATE TRIGGER "CollegeFundBalance_never_negative_insert" BEFORE INSERT ON "CollegeFundBalance"
WHEN NEW."balanceFen" < 0
BEGIN
  SELECT RAISE(ABORT, 'CollegeFundBalance balanceFen below zero');
END;

CREATE TRIGGER "CollegeLedgerEntry_no_update" BEFORE UPDATE ON "CollegeLedgerEntry"
BEGIN
  SELECT RAISE(ABORT, 'CollegeLedgerEntry is append-only');
END;

CREATE TRIGGER "CollegeLedgerEntry_no_delete" BEFORE DELETE ON "CollegeLedgerEntry"
BEGIN
  SELECT RAISE(ABORT, 'CollegeLedgerEntry is append-only');
END;
