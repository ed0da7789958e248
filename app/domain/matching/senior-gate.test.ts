import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSeniorLevel, seniorGate, SENIOR_TECHNICIAN_LEVEL } from "./senior-gate";

type Row = [string, number | null, number | null, number | null, "ok" | "senior_certificate_required" | "senior_certificate_unverified"];

describe("the senior-technician gate (ADR 166)", () => {
  it.each<Row>([
    // required, highest certificate, highest verified
    ["no level required", null, null, null, "ok"],
    ["level 0 means none", 0, null, null, "ok"],
    ["初级工 order, no certificate", 5, null, null, "ok"],
    ["中级工 order, unverified 中级工", 4, 4, null, "ok"],
    ["中级工 order, unverified 高级工", 4, 3, null, "ok"],
    ["高级工 order, verified 高级工", 3, 3, 3, "ok"],
    ["高级工 order, verified 技师", 3, 2, 2, "ok"],
    ["技师 order, verified 高级工 (the gate is 高级工 and above)", 2, 3, 3, "ok"],
    ["高级工 order, unverified 高级工", 3, 3, null, "senior_certificate_unverified"],
    ["技师 order, unverified 技师 and verified 中级工", 2, 2, 4, "senior_certificate_unverified"],
    ["高级技师 order, unverified 高级技师", 1, 1, null, "senior_certificate_unverified"],
    ["高级工 order, verified 中级工 only", 3, 4, 4, "senior_certificate_required"],
    ["高级工 order, unverified 初级工", 3, 5, null, "senior_certificate_required"],
    ["高级工 order, no certificate", 3, null, null, "senior_certificate_required"],
  ])("%s", (_, required, own, verified, expected) => {
    const gate = seniorGate(required, { certificateLevel: own, verifiedCertificateLevel: verified });
    expect(gate.ok ? "ok" : gate.code).toBe(expected);
    if (!gate.ok) expect(gate.message).toMatch(/高级工及以上/);
  });

  const level = fc.option(fc.integer({ min: 0, max: 5 }));
  // The verified level is one of the certificates: never higher (smaller) than the highest.
  const holder = fc.record({ own: fc.option(fc.integer({ min: 1, max: 5 })), drop: fc.option(fc.integer({ min: 0, max: 4 })) }).map(({ own, drop }) => ({
    certificateLevel: own,
    verifiedCertificateLevel: own === null || drop === null ? null : Math.min(5, own + drop),
  }));

  it("a target below senior level admits everyone; a senior one admits exactly the verified senior holders", () => {
    fc.assert(
      fc.property(level, holder, (required, h) => {
        const gate = seniorGate(required, h);
        const verifiedSenior = h.verifiedCertificateLevel !== null && h.verifiedCertificateLevel <= SENIOR_TECHNICIAN_LEVEL;
        expect(gate.ok).toBe(!isSeniorLevel(required) || verifiedSenior);
      }),
    );
  });

  it("verifying a holder's certificates never closes the gate, and the gate never depends on which senior level is required", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), holder, (a, b, h) => {
        const verifiedAll = { ...h, verifiedCertificateLevel: h.certificateLevel };
        if (seniorGate(a, h).ok) expect(seniorGate(a, verifiedAll).ok).toBe(true);
        expect(seniorGate(a, h)).toEqual(seniorGate(b, h));
      }),
    );
  });

  it("an unverified answer means the holder has a senior certificate, a required answer that they have none", () => {
    fc.assert(
      fc.property(level, holder, (required, h) => {
        const gate = seniorGate(required, h);
        if (gate.ok) return;
        const hasSenior = h.certificateLevel !== null && h.certificateLevel <= SENIOR_TECHNICIAN_LEVEL;
        expect(gate.code).toBe(hasSenior ? "senior_certificate_unverified" : "senior_certificate_required");
      }),
    );
  });
});
