-- Issue 16: money that can exceed 2^31 fen is BIGINT (ADR 101). SQLite stores any integer
-- in 8 bytes already; the column type changes so that both providers' clients read BigInt.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BudgetAllocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "budgetId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "reservedFen" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "BudgetAllocation_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "BureauBudget" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BudgetAllocation" ("amountFen", "budgetId", "id", "reservedFen", "source") SELECT "amountFen", "budgetId", "id", "reservedFen", "source" FROM "BudgetAllocation";
DROP TABLE "BudgetAllocation";
ALTER TABLE "new_BudgetAllocation" RENAME TO "BudgetAllocation";
CREATE UNIQUE INDEX "BudgetAllocation_budgetId_source_key" ON "BudgetAllocation"("budgetId", "source");
CREATE TABLE "new_PaymentBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bureauId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "totalFen" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" DATETIME,
    CONSTRAINT "PaymentBatch_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_PaymentBatch" ("bureauId", "createdAt", "id", "paidAt", "status", "totalFen") SELECT "bureauId", "createdAt", "id", "paidAt", "status", "totalFen" FROM "PaymentBatch";
DROP TABLE "PaymentBatch";
ALTER TABLE "new_PaymentBatch" RENAME TO "PaymentBatch";
CREATE TABLE "new_PayrollDeclaration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "payrollFen" BIGINT NOT NULL,
    "parts" TEXT,
    "declaredById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PayrollDeclaration_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PayrollDeclaration_declaredById_fkey" FOREIGN KEY ("declaredById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_PayrollDeclaration" ("createdAt", "declaredById", "enterpriseId", "id", "parts", "payrollFen", "version", "year") SELECT "createdAt", "declaredById", "enterpriseId", "id", "parts", "payrollFen", "version", "year" FROM "PayrollDeclaration";
DROP TABLE "PayrollDeclaration";
ALTER TABLE "new_PayrollDeclaration" RENAME TO "PayrollDeclaration";
CREATE INDEX "PayrollDeclaration_year_idx" ON "PayrollDeclaration"("year");
CREATE UNIQUE INDEX "PayrollDeclaration_enterpriseId_year_version_key" ON "PayrollDeclaration"("enterpriseId", "year", "version");
CREATE TABLE "new_FundAllocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "declarationId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "collegeId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "feeFen" BIGINT NOT NULL,
    "shareFen" BIGINT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "placements" INTEGER NOT NULL,
    CONSTRAINT "FundAllocation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "FundRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "PayrollDeclaration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_FundAllocation" ("amountFen", "collegeId", "declarationId", "enterpriseId", "feeFen", "id", "placements", "runId", "shareFen", "year") SELECT "amountFen", "collegeId", "declarationId", "enterpriseId", "feeFen", "id", "placements", "runId", "shareFen", "year" FROM "FundAllocation";
DROP TABLE "FundAllocation";
ALTER TABLE "new_FundAllocation" RENAME TO "FundAllocation";
CREATE INDEX "FundAllocation_collegeId_year_idx" ON "FundAllocation"("collegeId", "year");
CREATE UNIQUE INDEX "FundAllocation_runId_enterpriseId_collegeId_key" ON "FundAllocation"("runId", "enterpriseId", "collegeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Redefining BudgetAllocation dropped its guard (issue 7): put it back.
CREATE TRIGGER "BudgetAllocation_never_exceeded" BEFORE UPDATE OF "reservedFen", "amountFen" ON "BudgetAllocation"
WHEN NEW."reservedFen" > NEW."amountFen" OR NEW."reservedFen" < 0
BEGIN
  SELECT RAISE(ABORT, 'BudgetAllocation reservedFen outside 0..amountFen');
END;
