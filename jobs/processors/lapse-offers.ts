import { DelayedError } from "bullmq";
import { z } from "zod";
import { isOfferOverdue, offerLapsesAt } from "~/domain/labour/offer";
import { lapseOverdueOffers, offerAwaitingAnswer } from "~/services/labour/offers.server";
import type { DelayableJob } from "./allocation-round";

const PayloadSchema = z.object({ applicationId: z.number().int().positive().optional() });

/**
 * Lapses offers whose reply deadline is over. With an applicationId (the job asked for
 * when the offer was made) only that offer, and a job that arrives before the deadline
 * goes back to the queue delayed until then; without one (the hourly sweep) every
 * overdue offer. Idempotent: an offer answered or lapsed already is left alone.
 */
export async function lapseOffersJob(payload: unknown, now: Date, job?: DelayableJob): Promise<{ lapsed: number } | { status: "waiting"; until: string }> {
  const { applicationId } = PayloadSchema.parse(payload);
  if (applicationId) {
    const offer = await offerAwaitingAnswer(applicationId);
    if (!offer) return { lapsed: 0 };
    if (!isOfferOverdue(offer.offerReplyBy, now)) {
      const until = offerLapsesAt(offer.offerReplyBy);
      if (!job) return { status: "waiting", until: until.toISOString() };
      await job.moveToDelayed(until.getTime(), job.token);
      throw new DelayedError();
    }
  }
  return lapseOverdueOffers({ now, applicationId });
}
