-- AlterTable
ALTER TABLE "Application" ADD COLUMN "offerContractMonths" INTEGER;
ALTER TABLE "Application" ADD COLUMN "offerMonthlyWageFen" INTEGER;
ALTER TABLE "Application" ADD COLUMN "offerReplyBy" DATETIME;
ALTER TABLE "Application" ADD COLUMN "offerStartDate" DATETIME;

-- CreateIndex
CREATE INDEX "Application_status_offerReplyBy_idx" ON "Application"("status", "offerReplyBy");

