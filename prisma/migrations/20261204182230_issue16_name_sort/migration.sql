-- Pinyin sort keys (ADR 102): filled by the application (app/domain/names/pinyin-sort.ts)
-- on every write and by `npm run db:migrate` for rows that still have the empty default.
ALTER TABLE "Park" ADD COLUMN "nameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Cluster" ADD COLUMN "nameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Enterprise" ADD COLUMN "nameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "College" ADD COLUMN "nameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "TrainingBase" ADD COLUMN "nameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Graduate" ADD COLUMN "nameSort" TEXT NOT NULL DEFAULT '';
CREATE INDEX "Enterprise_nameSort_idx" ON "Enterprise"("nameSort");
CREATE INDEX "Graduate_collegeId_nameSort_idx" ON "Graduate"("collegeId", "nameSort");
