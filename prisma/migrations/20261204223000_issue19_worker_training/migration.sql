-- CreateTable
CREATE TABLE "WorkerTrainee" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberCipher" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "insuredFrom" DATETIME NOT NULL,
    "insuredMonths" INTEGER NOT NULL,
    "baseId" INTEGER NOT NULL,
    "trainingEndedOn" DATETIME NOT NULL,
    "certificateName" TEXT NOT NULL,
    "certificateLevel" INTEGER NOT NULL,
    "certificateIssuedOn" DATETIME NOT NULL,
    "certificateIssuer" TEXT NOT NULL,
    "certificateNumber" TEXT NOT NULL,
    "certificateVerifiedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkerTrainee_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkerTrainee_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "TrainingBase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SubsidyClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER,
    "placementId" INTEGER,
    "workerTraineeId" INTEGER,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending_college',
    "amountFen" INTEGER NOT NULL,
    "bureauId" INTEGER NOT NULL,
    "policyVersionId" INTEGER NOT NULL,
    "evaluation" TEXT NOT NULL,
    "grantKey" TEXT,
    "annualSlot" TEXT,
    "reviewFirst" BOOLEAN NOT NULL DEFAULT false,
    "budgetAllocationId" INTEGER,
    "batchId" INTEGER,
    "rejectReason" TEXT,
    "graduationConfirmedAt" DATETIME,
    "approvedAt" DATETIME,
    "noticeEndsOn" DATETIME,
    "paidAt" DATETIME,
    "heldAt" DATETIME,
    "heldReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubsidyClaim_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_workerTraineeId_fkey" FOREIGN KEY ("workerTraineeId") REFERENCES "WorkerTrainee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_budgetAllocationId_fkey" FOREIGN KEY ("budgetAllocationId") REFERENCES "BudgetAllocation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PaymentBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SubsidyClaim" ("amountFen", "approvedAt", "batchId", "budgetAllocationId", "bureauId", "createdAt", "evaluation", "graduateId", "graduationConfirmedAt", "grantKey", "heldAt", "heldReason", "id", "kind", "noticeEndsOn", "origin", "paidAt", "placementId", "policyVersionId", "rejectReason", "status") SELECT "amountFen", "approvedAt", "batchId", "budgetAllocationId", "bureauId", "createdAt", "evaluation", "graduateId", "graduationConfirmedAt", "grantKey", "heldAt", "heldReason", "id", "kind", "noticeEndsOn", "origin", "paidAt", "placementId", "policyVersionId", "rejectReason", "status" FROM "SubsidyClaim";
DROP TABLE "SubsidyClaim";
ALTER TABLE "new_SubsidyClaim" RENAME TO "SubsidyClaim";
CREATE UNIQUE INDEX "SubsidyClaim_grantKey_key" ON "SubsidyClaim"("grantKey");
CREATE UNIQUE INDEX "SubsidyClaim_annualSlot_key" ON "SubsidyClaim"("annualSlot");
CREATE INDEX "SubsidyClaim_bureauId_status_idx" ON "SubsidyClaim"("bureauId", "status");
CREATE INDEX "SubsidyClaim_graduateId_idx" ON "SubsidyClaim"("graduateId");
CREATE INDEX "SubsidyClaim_workerTraineeId_idx" ON "SubsidyClaim"("workerTraineeId");
CREATE UNIQUE INDEX "SubsidyClaim_placementId_kind_key" ON "SubsidyClaim"("placementId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WorkerTrainee_enterpriseId_idx" ON "WorkerTrainee"("enterpriseId");

-- CreateIndex
CREATE INDEX "WorkerTrainee_idNumberHash_idx" ON "WorkerTrainee"("idNumberHash");


-- Issue 19 worker training (ADR 160): a claim has one subject, a graduate's placement
-- (tuition, living) or an enterprise's worker trainee (worker_training), never both or neither.
CREATE TRIGGER "SubsidyClaim_one_subject" BEFORE INSERT ON "SubsidyClaim"
WHEN NOT ((NEW."workerTraineeId" IS NULL AND NEW."graduateId" IS NOT NULL AND NEW."placementId" IS NOT NULL AND NEW."kind" IN ('tuition', 'living'))
       OR (NEW."workerTraineeId" IS NOT NULL AND NEW."graduateId" IS NULL AND NEW."placementId" IS NULL AND NEW."kind" = 'worker_training'))
BEGIN
  SELECT RAISE(ABORT, 'SubsidyClaim needs one subject: a graduate and placement, or a worker trainee');
END;

CREATE TRIGGER "SubsidyClaim_one_subject_update" BEFORE UPDATE OF "graduateId", "placementId", "workerTraineeId", "kind" ON "SubsidyClaim"
WHEN NOT ((NEW."workerTraineeId" IS NULL AND NEW."graduateId" IS NOT NULL AND NEW."placementId" IS NOT NULL AND NEW."kind" IN ('tuition', 'living'))
       OR (NEW."workerTraineeId" IS NOT NULL AND NEW."graduateId" IS NULL AND NEW."placementId" IS NULL AND NEW."kind" = 'worker_training'))
BEGIN
  SELECT RAISE(ABORT, 'SubsidyClaim needs one subject: a graduate and placement, or a worker trainee');
END;
