/**
 * One officer in a process of their own, for the concurrency tests: waits until the
 * agreed moment, approves the given claims, and prints the outcome as JSON.
 * Usage: tsx approve-claims.ts <accountId> <source> <startAtMs> <claimId,...>
 */
import { approveClaims } from "~/services/subsidy/review.server";
import { prisma } from "~/utils/db.server";
import { principalOf } from "../subsidy-fixtures";

const [accountId, source, startAt, ids] = process.argv.slice(2);
const principal = await principalOf(Number(accountId));
const claimIds = (ids ?? "").split(",").map(Number);
await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 2));
const outcome = await approveClaims({ principal, claimIds, source: source! });
process.stdout.write(JSON.stringify(outcome));
await prisma.$disconnect();
