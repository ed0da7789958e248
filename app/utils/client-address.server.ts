import type { AppLoadContext } from "@remix-run/node";
import { clientAddressFrom } from "~/domain/auth/client-address";
import { env } from "./env.server";

/**
 * What scripts/server.mjs puts in every request's load context: the socket's peer
 * address and the raw X-Forwarded-For header.
 */
export type RequestContext = { socketAddress?: string | null; forwardedFor?: string | null };

/** The client's address as sign-in throttling counts it (TRUST_PROXY hops, else the socket). */
export function clientAddress(context: AppLoadContext | undefined): string | null {
  const c = (context ?? {}) as RequestContext;
  return clientAddressFrom({ socketAddress: c.socketAddress, forwardedFor: c.forwardedFor, trustedHops: env().TRUST_PROXY });
}
