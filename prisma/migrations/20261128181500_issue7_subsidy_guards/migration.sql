-- Issue 7: guards the database keeps whatever the code does.

-- The subsidy audit log is append-only: no row is ever changed or removed.
CREATE TRIGGER "SubsidyAuditEvent_no_update" BEFORE UPDATE ON "SubsidyAuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'SubsidyAuditEvent is append-only');
END;

CREATE TRIGGER "SubsidyAuditEvent_no_delete" BEFORE DELETE ON "SubsidyAuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'SubsidyAuditEvent is append-only');
END;

-- A funding source's reservations never exceed its allocation.
CREATE TRIGGER "BudgetAllocation_never_exceeded" BEFORE UPDATE OF "reservedFen", "amountFen" ON "BudgetAllocation"
WHEN NEW."reservedFen" > NEW."amountFen" OR NEW."reservedFen" < 0
BEGIN
  SELECT RAISE(ABORT, 'BudgetAllocation reservedFen outside 0..amountFen');
END;
