-- What the SQLite migrations add by hand beside Prisma's DDL, for PostgreSQL
-- (docs/decisions/100-postgresql.md). Keep this file in step with every TRIGGER and
-- partial index in prisma/migrations; tests/integration/database-guards.test.ts checks
-- each guard on whichever database the suite runs on.

-- Append-only logs: no row is ever changed or removed (issue 7, ADR 007).
CREATE FUNCTION "pb_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "SubsidyAuditEvent_no_update" BEFORE UPDATE ON "SubsidyAuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "pb_append_only"();
CREATE TRIGGER "SubsidyAuditEvent_no_delete" BEFORE DELETE ON "SubsidyAuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "pb_append_only"();
CREATE TRIGGER "AccountEvent_no_update" BEFORE UPDATE ON "AccountEvent"
  FOR EACH ROW EXECUTE FUNCTION "pb_append_only"();
CREATE TRIGGER "AccountEvent_no_delete" BEFORE DELETE ON "AccountEvent"
  FOR EACH ROW EXECUTE FUNCTION "pb_append_only"();
-- TRUNCATE bypasses row triggers; only the demo loader's --reset truncates, and it
-- empties every table at once.

-- A funding source's reservations never exceed its allocation (issue 7).
ALTER TABLE "BudgetAllocation" ADD CONSTRAINT "BudgetAllocation_never_exceeded"
  CHECK ("reservedFen" >= 0 AND "reservedFen" <= "amountFen");

-- One active placement per graduate (issue 14).
CREATE UNIQUE INDEX "Placement_one_active_per_graduate" ON "Placement"("graduateId") WHERE "endedOn" IS NULL;

-- One live activation code per graduate, one pending registration per credit code or
-- identity number (issue 15, ADR 007).
CREATE UNIQUE INDEX "ActivationCode_one_live_per_graduate" ON "ActivationCode"("graduateId") WHERE "usedAt" IS NULL AND "revokedAt" IS NULL;
CREATE UNIQUE INDEX "EnterpriseRegistration_one_pending" ON "EnterpriseRegistration"("creditCode") WHERE "status" = 'pending';
CREATE UNIQUE INDEX "GraduateRegistration_one_pending" ON "GraduateRegistration"("idNumberHash") WHERE "status" = 'pending';
