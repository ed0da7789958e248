-- CreateTable
CREATE TABLE "City" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "County" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    CONSTRAINT "County_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Park" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Park_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Park_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "County" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parkId" INTEGER NOT NULL,
    "chain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL,
    CONSTRAINT "Cluster_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parkId" INTEGER NOT NULL,
    "clusterId" INTEGER,
    "clusterRole" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL,
    "contactPhone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enterprise_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enterprise_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "College" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "College_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MajorCategory" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "MajorClass" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    CONSTRAINT "MajorClass_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "MajorCategory" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Major" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "classCode" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    CONSTRAINT "Major_classCode_fkey" FOREIGN KEY ("classCode") REFERENCES "MajorClass" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollegeMajor" (
    "collegeId" INTEGER NOT NULL,
    "majorCode" TEXT NOT NULL,

    PRIMARY KEY ("collegeId", "majorCode"),
    CONSTRAINT "CollegeMajor_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CollegeMajor_majorCode_fkey" FOREIGN KEY ("majorCode") REFERENCES "Major" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pairing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parkId" INTEGER NOT NULL,
    "collegeId" INTEGER NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME,
    CONSTRAINT "Pairing_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Pairing_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingBase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "parkId" INTEGER NOT NULL,
    "pairingId" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "trades" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL,
    CONSTRAINT "TrainingBase_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TrainingBase_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingBaseCollege" (
    "baseId" INTEGER NOT NULL,
    "collegeId" INTEGER NOT NULL,

    PRIMARY KEY ("baseId", "collegeId"),
    CONSTRAINT "TrainingBaseCollege_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "TrainingBase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TrainingBaseCollege_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Secondment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "direction" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "collegeId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME,
    CONSTRAINT "Secondment_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Secondment_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cohort" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "collegeId" INTEGER NOT NULL,
    "majorCode" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "expectedGraduation" DATETIME NOT NULL,
    "trainingBaseId" INTEGER,
    "skillsTaught" TEXT NOT NULL,
    "targetSkillLevel" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Cohort_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Cohort_trainingBaseId_fkey" FOREIGN KEY ("trainingBaseId") REFERENCES "TrainingBase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Graduate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idNumberHash" TEXT NOT NULL,
    "idNumberCipher" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "birthDate" DATETIME NOT NULL,
    "phone" TEXT NOT NULL,
    "collegeId" INTEGER NOT NULL,
    "cohortId" INTEGER,
    "majorCode" TEXT NOT NULL,
    "schoolLevel" TEXT NOT NULL,
    "graduationDate" DATETIME NOT NULL,
    "skillLevel" INTEGER,
    "skillTags" TEXT NOT NULL,
    "preferredCities" TEXT NOT NULL,
    "willingToRelocate" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'available',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Graduate_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Graduate_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    CONSTRAINT "Certificate_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "majorClasses" TEXT NOT NULL,
    "skillLevelRequired" INTEGER,
    "wageMinFen" INTEGER NOT NULL,
    "wageMaxFen" INTEGER NOT NULL,
    "cityCode" TEXT NOT NULL,
    "parkId" INTEGER NOT NULL,
    "openings" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "postedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Job_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Job_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "City" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Job_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "majorCode" TEXT NOT NULL,
    "skillTags" TEXT NOT NULL,
    "skillLevel" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "quantityFilled" INTEGER NOT NULL DEFAULT 0,
    "startDate" DATETIME NOT NULL,
    "wageFen" INTEGER NOT NULL,
    "trainingBaseId" INTEGER,
    "collegeId" INTEGER,
    "cohortId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_trainingBaseId_fkey" FOREIGN KEY ("trainingBaseId") REFERENCES "TrainingBase" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Order_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Order_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Application" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "jobId" INTEGER,
    "orderId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "activeKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Application_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" INTEGER NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actorAccountId" INTEGER,
    "note" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ApplicationEvent_actorAccountId_fkey" FOREIGN KEY ("actorAccountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Placement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "jobId" INTEGER,
    "orderId" INTEGER,
    "applicationId" INTEGER,
    "startDate" DATETIME NOT NULL,
    "contractMonths" INTEGER,
    "insuredMonths" INTEGER,
    "monthlyWageFen" INTEGER NOT NULL,
    "majorRelevant" BOOLEAN NOT NULL,
    "inProvincePark" BOOLEAN NOT NULL,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Placement_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Placement_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Placement_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Placement_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Placement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AllocationRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "parkId" INTEGER,
    "deadline" DATETIME NOT NULL,
    "seed" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "solvedAt" DATETIME,
    "publishedAt" DATETIME,
    CONSTRAINT "AllocationRound_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AllocationRound_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AllocationRoundOrder" (
    "roundId" INTEGER NOT NULL,
    "orderId" INTEGER NOT NULL,

    PRIMARY KEY ("roundId", "orderId"),
    CONSTRAINT "AllocationRoundOrder_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AllocationRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AllocationRoundOrder_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AllocationPreference" (
    "roundId" INTEGER NOT NULL,
    "graduateId" INTEGER NOT NULL,
    "orderId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,

    PRIMARY KEY ("roundId", "graduateId", "orderId"),
    CONSTRAINT "AllocationPreference_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AllocationRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AllocationPreference_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AllocationPreference_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AllocationAssignment" (
    "roundId" INTEGER NOT NULL,
    "graduateId" INTEGER NOT NULL,
    "orderId" INTEGER,
    "lottery" INTEGER NOT NULL,

    PRIMARY KEY ("roundId", "graduateId"),
    CONSTRAINT "AllocationAssignment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AllocationRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AllocationAssignment_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AllocationAssignment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" DATETIME NOT NULL,
    "data" TEXT NOT NULL,
    "note" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PolicyVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATETIME NOT NULL PRIMARY KEY,
    "isWorkday" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Bureau" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "countyCode" TEXT,
    "cityCode" TEXT,
    CONSTRAINT "Bureau_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "County" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BureauBudget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bureauId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    CONSTRAINT "BureauBudget_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetAllocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "budgetId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reservedFen" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "BudgetAllocation_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "BureauBudget" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubsidyClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "placementId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending_college',
    "amountFen" INTEGER NOT NULL,
    "bureauId" INTEGER NOT NULL,
    "policyVersionId" INTEGER NOT NULL,
    "evaluation" TEXT NOT NULL,
    "grantKey" TEXT,
    "budgetAllocationId" INTEGER,
    "batchId" INTEGER,
    "rejectReason" TEXT,
    "graduationConfirmedAt" DATETIME,
    "approvedAt" DATETIME,
    "noticeEndsOn" DATETIME,
    "paidAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubsidyClaim_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_budgetAllocationId_fkey" FOREIGN KEY ("budgetAllocationId") REFERENCES "BudgetAllocation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SubsidyClaim_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PaymentBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubsidyAuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "claimId" INTEGER NOT NULL,
    "actorAccountId" INTEGER,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubsidyAuditEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "SubsidyClaim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubsidyAuditEvent_actorAccountId_fkey" FOREIGN KEY ("actorAccountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaymentBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bureauId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "totalFen" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" DATETIME,
    CONSTRAINT "PaymentBatch_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PayrollDeclaration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "payrollFen" INTEGER NOT NULL,
    "parts" TEXT,
    "declaredById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PayrollDeclaration_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PayrollDeclaration_declaredById_fkey" FOREIGN KEY ("declaredById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "policyVersionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "FundRun_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundAllocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "declarationId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "collegeId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "shareFen" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "placements" INTEGER NOT NULL,
    CONSTRAINT "FundAllocation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "FundRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "PayrollDeclaration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundAllocation_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "period" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "data" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "login" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "parkId" INTEGER,
    "collegeId" INTEGER,
    "enterpriseId" INTEGER,
    "bureauId" INTEGER,
    "graduateId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Account_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "lastCheckedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedSearch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "indexName" TEXT NOT NULL,
    "recordId" INTEGER NOT NULL,
    "op" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "doneRows" INTEGER NOT NULL DEFAULT 0,
    "errors" TEXT,
    "accountId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportJob_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "County_cityCode_idx" ON "County"("cityCode");

-- CreateIndex
CREATE UNIQUE INDEX "Park_name_key" ON "Park"("name");

-- CreateIndex
CREATE INDEX "Park_cityCode_idx" ON "Park"("cityCode");

-- CreateIndex
CREATE INDEX "Park_countyCode_idx" ON "Park"("countyCode");

-- CreateIndex
CREATE INDEX "Cluster_chain_idx" ON "Cluster"("chain");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_parkId_name_key" ON "Cluster"("parkId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_creditCode_key" ON "Enterprise"("creditCode");

-- CreateIndex
CREATE INDEX "Enterprise_parkId_idx" ON "Enterprise"("parkId");

-- CreateIndex
CREATE INDEX "Enterprise_clusterId_idx" ON "Enterprise"("clusterId");

-- CreateIndex
CREATE INDEX "Enterprise_name_idx" ON "Enterprise"("name");

-- CreateIndex
CREATE UNIQUE INDEX "College_schoolCode_key" ON "College"("schoolCode");

-- CreateIndex
CREATE UNIQUE INDEX "College_name_key" ON "College"("name");

-- CreateIndex
CREATE INDEX "College_cityCode_idx" ON "College"("cityCode");

-- CreateIndex
CREATE INDEX "Major_classCode_idx" ON "Major"("classCode");

-- CreateIndex
CREATE INDEX "Pairing_collegeId_idx" ON "Pairing"("collegeId");

-- CreateIndex
CREATE UNIQUE INDEX "Pairing_parkId_collegeId_startDate_key" ON "Pairing"("parkId", "collegeId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBase_name_key" ON "TrainingBase"("name");

-- CreateIndex
CREATE INDEX "TrainingBase_parkId_idx" ON "TrainingBase"("parkId");

-- CreateIndex
CREATE INDEX "Secondment_collegeId_idx" ON "Secondment"("collegeId");

-- CreateIndex
CREATE INDEX "Secondment_enterpriseId_idx" ON "Secondment"("enterpriseId");

-- CreateIndex
CREATE INDEX "Cohort_collegeId_idx" ON "Cohort"("collegeId");

-- CreateIndex
CREATE UNIQUE INDEX "Graduate_idNumberHash_key" ON "Graduate"("idNumberHash");

-- CreateIndex
CREATE INDEX "Graduate_collegeId_idx" ON "Graduate"("collegeId");

-- CreateIndex
CREATE INDEX "Graduate_majorCode_idx" ON "Graduate"("majorCode");

-- CreateIndex
CREATE INDEX "Graduate_status_idx" ON "Graduate"("status");

-- CreateIndex
CREATE INDEX "Certificate_graduateId_idx" ON "Certificate"("graduateId");

-- CreateIndex
CREATE INDEX "Job_enterpriseId_idx" ON "Job"("enterpriseId");

-- CreateIndex
CREATE INDEX "Job_status_postedAt_idx" ON "Job"("status", "postedAt");

-- CreateIndex
CREATE INDEX "Order_enterpriseId_idx" ON "Order"("enterpriseId");

-- CreateIndex
CREATE INDEX "Order_status_idx" ON "Order"("status");

-- CreateIndex
CREATE INDEX "Application_jobId_idx" ON "Application"("jobId");

-- CreateIndex
CREATE INDEX "Application_orderId_idx" ON "Application"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_graduateId_activeKey_key" ON "Application"("graduateId", "activeKey");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_idx" ON "ApplicationEvent"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Placement_applicationId_key" ON "Placement"("applicationId");

-- CreateIndex
CREATE INDEX "Placement_graduateId_idx" ON "Placement"("graduateId");

-- CreateIndex
CREATE INDEX "Placement_enterpriseId_startDate_idx" ON "Placement"("enterpriseId", "startDate");

-- CreateIndex
CREATE INDEX "Placement_startDate_idx" ON "Placement"("startDate");

-- CreateIndex
CREATE UNIQUE INDEX "AllocationPreference_roundId_graduateId_rank_key" ON "AllocationPreference"("roundId", "graduateId", "rank");

-- CreateIndex
CREATE INDEX "PolicyVersion_kind_effectiveFrom_idx" ON "PolicyVersion"("kind", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_kind_version_key" ON "PolicyVersion"("kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Bureau_name_key" ON "Bureau"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Bureau_countyCode_key" ON "Bureau"("countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "BureauBudget_bureauId_year_key" ON "BureauBudget"("bureauId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetAllocation_budgetId_source_key" ON "BudgetAllocation"("budgetId", "source");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyClaim_grantKey_key" ON "SubsidyClaim"("grantKey");

-- CreateIndex
CREATE INDEX "SubsidyClaim_bureauId_status_idx" ON "SubsidyClaim"("bureauId", "status");

-- CreateIndex
CREATE INDEX "SubsidyClaim_graduateId_idx" ON "SubsidyClaim"("graduateId");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyClaim_placementId_kind_key" ON "SubsidyClaim"("placementId", "kind");

-- CreateIndex
CREATE INDEX "SubsidyAuditEvent_claimId_idx" ON "SubsidyAuditEvent"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "PayrollDeclaration_enterpriseId_year_version_key" ON "PayrollDeclaration"("enterpriseId", "year", "version");

-- CreateIndex
CREATE INDEX "FundAllocation_collegeId_year_idx" ON "FundAllocation"("collegeId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "FundAllocation_runId_enterpriseId_collegeId_key" ON "FundAllocation"("runId", "enterpriseId", "collegeId");

-- CreateIndex
CREATE INDEX "ReportSnapshot_period_dimension_idx" ON "ReportSnapshot"("period", "dimension");

-- CreateIndex
CREATE UNIQUE INDEX "Account_login_key" ON "Account"("login");

-- CreateIndex
CREATE UNIQUE INDEX "Account_graduateId_key" ON "Account"("graduateId");

-- CreateIndex
CREATE INDEX "Session_accountId_idx" ON "Session"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_accountId_idx" ON "ApiToken"("accountId");

-- CreateIndex
CREATE INDEX "SavedSearch_accountId_idx" ON "SavedSearch"("accountId");

-- CreateIndex
CREATE INDEX "Notification_accountId_readAt_idx" ON "Notification"("accountId", "readAt");

-- CreateIndex
CREATE INDEX "SearchOutbox_deliveredAt_idx" ON "SearchOutbox"("deliveredAt");

