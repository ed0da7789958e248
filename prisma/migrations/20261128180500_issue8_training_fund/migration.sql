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



-- The default training-fund policy (product.md §5.2): rate 2.5%, college share 20%.
-- Later versions are new rows; this one is only added where no training-fund policy exists yet.
INSERT INTO "PolicyVersion" ("kind", "version", "effectiveFrom", "data", "note", "createdAt")
SELECT 'training_fund', 1, '2018-01-01T00:00:00.000+00:00', '{"rate":"0.025","shareRatio":"0.2"}',
       '默认：培训经费按工资总额 2.5% 提取，其中 20% 用于对口院校', '2026-11-28T18:05:00.000+00:00'
WHERE NOT EXISTS (SELECT 1 FROM "PolicyVersion" WHERE "kind" = 'training_fund');
