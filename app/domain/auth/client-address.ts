/**
 * The client address that sign-in throttling counts (§9): the socket's peer, unless
 * TRUST_PROXY says how many reverse proxies stand in front of the app. Each trusted
 * proxy appends the address it saw to X-Forwarded-For, so with `hops` proxies the
 * client is the hops-th entry from the right; anything further left was written by the
 * client itself and is never believed.
 */
export function clientAddressFrom(input: { socketAddress: string | null | undefined; forwardedFor: string | null | undefined; trustedHops: number }): string | null {
  const socket = input.socketAddress?.trim() || null;
  if (input.trustedHops <= 0) return socket;
  const chain = (input.forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - input.trustedHops] ?? chain[0] ?? socket;
}
