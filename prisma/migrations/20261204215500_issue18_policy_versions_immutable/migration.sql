-- Issue 18 (ADR 130): a policy version is never overwritten in place. A change is a new
-- row with its own effective date; a computation names the version it used (subsidy
-- claims, fund runs, scorecards), so changing or removing a row would rewrite the past.
-- Deleting an account that wrote a version is refused too (its foreign key sets
-- "createdById" NULL, an UPDATE); accounts are deactivated, never deleted.
CREATE TRIGGER "PolicyVersion_no_update" BEFORE UPDATE ON "PolicyVersion"
BEGIN
  SELECT RAISE(ABORT, 'PolicyVersion rows are never changed: insert a new version');
END;

CREATE TRIGGER "PolicyVersion_no_delete" BEFORE DELETE ON "PolicyVersion"
BEGIN
  SELECT RAISE(ABORT, 'PolicyVersion rows are never removed: insert a new version');
END;
