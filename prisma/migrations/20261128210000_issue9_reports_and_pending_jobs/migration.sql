-- AlterTable
ALTER TABLE "ReportSnapshot" ADD COLUMN "runId" INTEGER;

-- CreateTable
CREATE TABLE "ReportRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "period" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "scheduleKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PendingJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "queue" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "jobId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportRun_scheduleKey_key" ON "ReportRun"("scheduleKey");

-- CreateIndex
CREATE INDEX "ReportRun_createdAt_idx" ON "ReportRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PendingJob_jobId_key" ON "PendingJob"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSnapshot_runId_dimension_key" ON "ReportSnapshot"("runId", "dimension");

