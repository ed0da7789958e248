-- AlterTable
ALTER TABLE "AllocationAssignment" ADD COLUMN "score" REAL;

