-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FundRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "policyVersionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "totalEnterprises" INTEGER NOT NULL DEFAULT 0,
    "doneEnterprises" INTEGER NOT NULL DEFAULT 0,
    "unpairedEnterprises" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    CONSTRAINT "FundRun_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_FundRun" ("finishedAt", "id", "policyVersionId", "startedAt", "status", "year") SELECT "finishedAt", "id", "policyVersionId", "startedAt", "status", "year" FROM "FundRun";
DROP TABLE "FundRun";
ALTER TABLE "new_FundRun" RENAME TO "FundRun";
CREATE UNIQUE INDEX "FundRun_year_policyVersionId_key" ON "FundRun"("year", "policyVersionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PayrollDeclaration_year_idx" ON "PayrollDeclaration"("year");

