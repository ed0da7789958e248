-- AlterTable
ALTER TABLE "Placement" ADD COLUMN "endReportedAt" DATETIME;
ALTER TABLE "Placement" ADD COLUMN "endReportedOn" DATETIME;
ALTER TABLE "Placement" ADD COLUMN "endReportedReason" TEXT;

-- AlterTable
ALTER TABLE "SubsidyClaim" ADD COLUMN "heldAt" DATETIME;
ALTER TABLE "SubsidyClaim" ADD COLUMN "heldReason" TEXT;

