-- Issue 15: an enterprise registration states its headcount; accounts that existed before
-- organisations had admins keep managing their organisation (they become its admins).
ALTER TABLE "EnterpriseRegistration" ADD COLUMN "headcount" INTEGER NOT NULL DEFAULT 0;

UPDATE "Account" SET "orgRole" = 'admin' WHERE "role" <> 'graduate';
