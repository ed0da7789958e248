/**
 * One enterprise in a process of its own, for the hiring race test: prints "ready",
 * waits for "go" on stdin (so that both enterprises hire at the same moment), hires
 * the given application, and prints the outcome as JSON on its last line.
 * Usage: tsx hire.ts <accountId> <applicationId>
 */
import { hireApplicant } from "~/services/labour/applications.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { principalOf } from "../subsidy-fixtures";

const [accountId, applicationId] = process.argv.slice(2);
const principal = await principalOf(Number(accountId));
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
const outcome = await hireApplicant({ principal, applicationId: Number(applicationId) }).then(
  (placement) => ({ placementId: placement.id }),
  (error: unknown) => {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  },
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await prisma.$disconnect();
process.exit(0);
