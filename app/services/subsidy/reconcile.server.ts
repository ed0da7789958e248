import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createClaimsForPlacement } from "./claims.server";

/** How far back reconciliation looks for confirmed placements without claims. */
export const RECONCILE_WINDOW_DAYS = 30;
const RECONCILE_PAGE = 200;

/**
 * The scheduled safety net: placements confirmed in the last 30 days (or `windowDays`) that have no
 * claim get their claims created, so a confirmation made while Redis was down is not
 * lost. Placements that are not eligible stay without claims and are looked at again
 * (cheaply) until they leave the window.
 */
export async function reconcileSubsidyClaims({ now, windowDays = RECONCILE_WINDOW_DAYS }: { now: Date; windowDays?: number }) {
  const since = new Date(now.getTime() - windowDays * 86_400_000);
  let afterId = 0;
  let examined = 0;
  let created = 0;
  const problems: { placementId: number; message: string }[] = [];
  for (;;) {
    const page = await prisma.placement.findMany({
      where: { id: { gt: afterId }, confirmedAt: { gte: since, lte: now }, claims: { none: {} } },
      orderBy: { id: "asc" },
      take: RECONCILE_PAGE,
      select: { id: true },
    });
    if (page.length === 0) break;
    for (const { id } of page) {
      examined += 1;
      try {
        const result = await createClaimsForPlacement({ placementId: id, origin: "automatic" });
        created += result.created.length;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push({ placementId: id, message: error.message });
      }
    }
    afterId = page[page.length - 1]!.id;
  }
  return { examined, created, problems };
}
