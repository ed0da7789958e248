-- DropIndex
DROP INDEX "Placement_graduateId_idx";

-- CreateIndex
CREATE INDEX "Graduate_graduationDate_collegeId_majorCode_cohortId_idx" ON "Graduate"("graduationDate", "collegeId", "majorCode", "cohortId");

-- CreateIndex
CREATE INDEX "Placement_graduateId_startDate_idx" ON "Placement"("graduateId", "startDate");

