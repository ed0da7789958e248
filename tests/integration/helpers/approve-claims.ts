/**
 * One officer in a process of their own, for the concurrency tests: prints "ready",
 * waits for "go" on stdin (so that every officer starts at the same moment), approves
 * the given claims, and prints the outcome as JSON on its last line.
 * Usage: tsx approve-claims.ts <accountId> <source> <claimId,...>
 */
import { approveClaims } from "~/services/subsidy/review.server";
import { prisma } from "~/utils/db.server";
import { principalOf } from "../subsidy-fixtures";

const [accountId, source, ids] = process.argv.slice(2);
const principal = await principalOf(Number(accountId));
const claimIds = (ids ?? "").split(",").map(Number);
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
const outcome = await approveClaims({ principal, claimIds, source: source! });
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await prisma.$disconnect();
process.exit(0);
