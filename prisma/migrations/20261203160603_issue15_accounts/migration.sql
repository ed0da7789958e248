-- CreateTable
CREATE TABLE "ActivationCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActivationCode_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemberInvitation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "orgRole" TEXT NOT NULL,
    "parkId" INTEGER,
    "collegeId" INTEGER,
    "enterpriseId" INTEGER,
    "bureauId" INTEGER,
    "displayName" TEXT NOT NULL,
    "mobile" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "accountId" INTEGER,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "EnterpriseRegistration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parkId" INTEGER NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "reviewedById" INTEGER,
    "reviewedAt" DATETIME,
    "enterpriseId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EnterpriseRegistration_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GraduateRegistration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idNumberHash" TEXT NOT NULL,
    "idNumberCipher" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "collegeId" INTEGER NOT NULL,
    "majorCode" TEXT NOT NULL,
    "graduationDate" DATETIME NOT NULL,
    "login" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "reviewedById" INTEGER,
    "reviewedAt" DATETIME,
    "graduateId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GraduateRegistration_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PendingInvitation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "graduateId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "PendingInvitation_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "graduateId" INTEGER,
    "collegeId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordResetToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "accountId" INTEGER,
    "actorId" INTEGER,
    "detail" TEXT,
    "role" TEXT,
    "parkId" INTEGER,
    "collegeId" INTEGER,
    "enterpriseId" INTEGER,
    "bureauId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccountEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
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
    "orgRole" TEXT NOT NULL DEFAULT 'staff',
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "mobile" TEXT,
    "deactivatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Account_parkId_fkey" FOREIGN KEY ("parkId") REFERENCES "Park" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Bureau" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Account_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Account" ("active", "bureauId", "collegeId", "createdAt", "displayName", "enterpriseId", "graduateId", "id", "login", "parkId", "passwordHash", "role") SELECT "active", "bureauId", "collegeId", "createdAt", "displayName", "enterpriseId", "graduateId", "id", "login", "parkId", "passwordHash", "role" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE UNIQUE INDEX "Account_login_key" ON "Account"("login");
CREATE UNIQUE INDEX "Account_graduateId_key" ON "Account"("graduateId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ActivationCode_codeHash_key" ON "ActivationCode"("codeHash");

-- CreateIndex
CREATE INDEX "ActivationCode_graduateId_idx" ON "ActivationCode"("graduateId");

-- CreateIndex
CREATE UNIQUE INDEX "MemberInvitation_tokenHash_key" ON "MemberInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "EnterpriseRegistration_parkId_status_idx" ON "EnterpriseRegistration"("parkId", "status");

-- CreateIndex
CREATE INDEX "EnterpriseRegistration_creditCode_idx" ON "EnterpriseRegistration"("creditCode");

-- CreateIndex
CREATE INDEX "GraduateRegistration_collegeId_status_idx" ON "GraduateRegistration"("collegeId", "status");

-- CreateIndex
CREATE INDEX "GraduateRegistration_idNumberHash_idx" ON "GraduateRegistration"("idNumberHash");

-- CreateIndex
CREATE INDEX "PendingInvitation_graduateId_deliveredAt_idx" ON "PendingInvitation"("graduateId", "deliveredAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_collegeId_createdAt_idx" ON "OutboxMessage"("collegeId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordResetToken_accountId_idx" ON "PasswordResetToken"("accountId");

-- CreateIndex
CREATE INDEX "AccountEvent_createdAt_idx" ON "AccountEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AccountEvent_collegeId_idx" ON "AccountEvent"("collegeId");

-- CreateIndex
CREATE INDEX "AccountEvent_enterpriseId_idx" ON "AccountEvent"("enterpriseId");

-- CreateIndex
CREATE INDEX "AccountEvent_parkId_idx" ON "AccountEvent"("parkId");

-- CreateIndex
CREATE INDEX "AccountEvent_bureauId_idx" ON "AccountEvent"("bureauId");


-- Invariants Prisma cannot express (ADR 007): one live activation code per graduate, one
-- pending registration per credit code or identity number, and an append-only account log.
CREATE UNIQUE INDEX "ActivationCode_one_live_per_graduate" ON "ActivationCode"("graduateId") WHERE "usedAt" IS NULL AND "revokedAt" IS NULL;
CREATE UNIQUE INDEX "EnterpriseRegistration_one_pending" ON "EnterpriseRegistration"("creditCode") WHERE "status" = 'pending';
CREATE UNIQUE INDEX "GraduateRegistration_one_pending" ON "GraduateRegistration"("idNumberHash") WHERE "status" = 'pending';
CREATE TRIGGER "AccountEvent_no_update" BEFORE UPDATE ON "AccountEvent"
BEGIN
  SELECT RAISE(ABORT, 'account events are append-only');
END;
CREATE TRIGGER "AccountEvent_no_delete" BEFORE DELETE ON "AccountEvent"
BEGIN
  SELECT RAISE(ABORT, 'account events are append-only');
END;
