-- CreateIndex
CREATE INDEX "Placement_startDate_enterpriseId_graduateId_idx" ON "Placement"("startDate", "enterpriseId", "graduateId");

