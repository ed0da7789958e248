import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clientAddressFrom } from "./client-address";

describe("client address for throttling", () => {
  it.each([
    ["10.0.0.5", "6.6.6.6", 0, "10.0.0.5"],
    ["10.0.0.5", null, 0, "10.0.0.5"],
    ["10.0.0.1", "203.0.113.7", 1, "203.0.113.7"],
    ["10.0.0.1", "6.6.6.6, 203.0.113.7", 1, "203.0.113.7"],
    ["10.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"],
    ["10.0.0.1", "203.0.113.7", 2, "203.0.113.7"],
    ["10.0.0.1", "", 1, "10.0.0.1"],
  ])("socket %s, X-Forwarded-For %j, %i trusted hops → %s", (socketAddress, forwardedFor, trustedHops, expected) => {
    expect(clientAddressFrom({ socketAddress, forwardedFor, trustedHops })).toBe(expected);
  });

  it("never believes what the client wrote into X-Forwarded-For when no proxy is trusted", () => {
    fc.assert(
      fc.property(fc.string(), (forged) => clientAddressFrom({ socketAddress: "192.0.2.1", forwardedFor: forged, trustedHops: 0 }) === "192.0.2.1"),
    );
  });

  it("with one trusted proxy, a forged prefix never changes the address", () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 5 }), (forged) => {
        const header = [...forged, "203.0.113.9"].join(", ");
        return clientAddressFrom({ socketAddress: "10.0.0.1", forwardedFor: header, trustedHops: 1 }) === "203.0.113.9";
      }),
    );
  });
});
