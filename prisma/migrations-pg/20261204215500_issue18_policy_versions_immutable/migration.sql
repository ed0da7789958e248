-- Issue 18 (ADR 130), as in the SQLite migration 20261204215500_issue18_policy_versions_immutable:
-- a policy version is never overwritten in place or removed; a change is a new row with
-- its own effective date. TRUNCATE (only the demo loader's --reset) skips row triggers.
CREATE FUNCTION "pb_policy_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PolicyVersion rows are never changed or removed: insert a new version' USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "PolicyVersion_no_update" BEFORE UPDATE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION "pb_policy_version_immutable"();
CREATE TRIGGER "PolicyVersion_no_delete" BEFORE DELETE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION "pb_policy_version_immutable"();
