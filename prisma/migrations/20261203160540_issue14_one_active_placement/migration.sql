-- AlterTable
ALTER TABLE "Placement" ADD COLUMN "endReason" TEXT;
ALTER TABLE "Placement" ADD COLUMN "endedOn" DATETIME;

-- CreateTable
CREATE TABLE "PlacementEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "placementId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "actorAccountId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlacementEvent_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlacementEvent_actorAccountId_fkey" FOREIGN KEY ("actorAccountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlacementEvent_placementId_idx" ON "PlacementEvent"("placementId");


-- One active placement per graduate (product.md §10, ADR 022). Databases written before
-- this rule can hold several active placements of one graduate: the earliest (by start
-- date, then id) stays active, every later one ends on the day it started with the
-- reason 其他, and each is logged in PlacementEvent. Plain SQL, valid in SQLite and PostgreSQL.
INSERT INTO "PlacementEvent" ("placementId", "action", "detail")
SELECT p."id", 'ended_by_migration',
       '{"reason":"同一毕业生同时有多条在职就业记录，保留最早的一条","keptPlacementId":' || CAST((
         SELECT k."id" FROM "Placement" k WHERE k."graduateId" = p."graduateId" ORDER BY k."startDate", k."id" LIMIT 1
       ) AS TEXT) || '}'
FROM "Placement" p
WHERE p."id" <> (SELECT k."id" FROM "Placement" k WHERE k."graduateId" = p."graduateId" ORDER BY k."startDate", k."id" LIMIT 1);

UPDATE "Placement" SET "endedOn" = "startDate", "endReason" = '其他'
WHERE "id" IN (SELECT "placementId" FROM "PlacementEvent" WHERE "action" = 'ended_by_migration');

CREATE UNIQUE INDEX "Placement_one_active_per_graduate" ON "Placement"("graduateId") WHERE "endedOn" IS NULL;
