import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MATCHING_POLICY,
  exclusionsOf,
  majorMatchOf,
  prepareCandidate,
  prepareTarget,
  rankCandidates,
  scoreMatch,
  scoreValue,
  type MatchCandidate,
  type MatchTarget,
} from "./score";

const target: MatchTarget = {
  majorCode: "460103",
  skills: ["数控编程", "PLC", "CAD"],
  level: 4,
  city: "360100",
  parkPairedColleges: ["C1"],
  startDate: Date.UTC(2026, 6, 1),
};

const candidate = (over: Partial<MatchCandidate> = {}): MatchCandidate => ({
  id: 1,
  majorCode: "460103",
  skills: ["数控编程", "plc", "CAD"],
  certificateLevel: 4,
  verifiedCertificateLevel: 4,
  preferredCities: ["360100"],
  willingToRelocate: false,
  college: "C1",
  availableFrom: Date.UTC(2026, 5, 30),
  placed: false,
  ...over,
});

describe("major similarity", () => {
  it.each([
    ["460103", "460103", "major"],
    ["460103", "460101", "class"],
    ["460103", "460301", "category"],
    ["460103", "510201", "none"],
    // 中职 660103 数控技术应用 maps onto 460103
    ["460103", "660103", "major"],
    ["460103", "660301", "category"],
    ["660103", "460102", "class"],
    // 职业本科 26xxxx maps onto 46xxxx
    ["460103", "260103", "major"],
  ] as const)("order %s, graduate %s: %s", (orderMajor, graduateMajor, expected) => {
    expect(majorMatchOf({ majorCode: orderMajor, skills: [] }, graduateMajor)).toBe(expected);
  });

  it.each([
    [["4601", "4603"], "460301", "major"],
    [["4601"], "660102", "major"],
    [["4601"], "460701", "category"],
    [["5101"], "460103", "none"],
  ] as const)("job classes %j, graduate %s: %s", (classes, graduateMajor, expected) => {
    expect(majorMatchOf({ majorClasses: classes, skills: [] }, graduateMajor)).toBe(expected);
  });
});

describe("scoreMatch", () => {
  it("gives the full weight of every component to a perfect candidate", () => {
    const result = scoreMatch(target, candidate());
    expect(result.score).toBe(100);
    expect(result.missingSkills).toEqual([]);
    expect(result.components.major).toEqual({ points: 40, max: 40, detail: "专业对口" });
  });

  it.each<[string, Partial<MatchCandidate>, number, string[]]>([
    ["same class", { majorCode: "460101" }, 100 - 40 + 24, []],
    ["same category", { majorCode: "460301" }, 100 - 40 + 12, []],
    ["unrelated major", { majorCode: "520201" }, 60, []],
    ["one skill missing", { skills: ["数控编程", "CAD"] }, 100 - 25 / 3, ["PLC"]],
    ["no skills", { skills: [] }, 75, ["数控编程", "PLC", "CAD"]],
    ["certificate one grade below", { certificateLevel: 5, verifiedCertificateLevel: 5 }, 100 - 7.5, []],
    ["certificate above the one required", { certificateLevel: 2, verifiedCertificateLevel: 2 }, 100, []],
    ["no certificate", { certificateLevel: null, verifiedCertificateLevel: null }, 85, []],
    // product.md §12: an unverified certificate counts at half weight.
    ["unverified certificate of the level required", { verifiedCertificateLevel: null }, 100 - 7.5, []],
    ["unverified certificate one grade below", { certificateLevel: 5, verifiedCertificateLevel: null }, 100 - 15 + 3.75, []],
    ["unverified certificate above the one required", { certificateLevel: 2, verifiedCertificateLevel: null }, 100 - 7.5, []],
    ["verified one grade below, unverified of the level required", { certificateLevel: 4, verifiedCertificateLevel: 5 }, 100 - 7.5, []],
    ["verified of the level required, a higher one unverified", { certificateLevel: 2, verifiedCertificateLevel: 4 }, 100, []],
    ["other city, willing to move", { preferredCities: ["360700"], willingToRelocate: true }, 95, []],
    ["other city, not willing", { preferredCities: ["360700"] }, 90, []],
    ["college not paired with the park", { college: "C9" }, 90, []],
  ])("%s", (_, over, score, missing) => {
    const result = scoreMatch(target, candidate(over));
    expect(result.score).toBeCloseTo(score, 1);
    expect(result.missingSkills).toEqual(missing);
  });

  it("uses the weights of the policy", () => {
    const policy = { ...DEFAULT_MATCHING_POLICY, weights: { major: 0, skills: 100, certificate: 0, location: 0, pairing: 0 } };
    expect(scoreMatch(target, candidate({ majorCode: "520201", skills: ["PLC"] }), policy).score).toBeCloseTo(33.33, 2);
  });

  it("says whether the certificate counted is verified", () => {
    expect(scoreMatch(target, candidate()).components.certificate.detail).toBe("要求中级工，持中级工（已核验）");
    expect(scoreMatch(target, candidate({ verifiedCertificateLevel: null })).components.certificate).toEqual({
      points: 7.5,
      max: 15,
      detail: "要求中级工，持中级工（未核验，按50%计）",
    });
    expect(scoreMatch(target, candidate({ certificateLevel: 3, verifiedCertificateLevel: 5 })).components.certificate.detail).toBe(
      "要求中级工，持高级工（未核验），已核验初级工",
    );
  });

  it("takes the unverified weight from the policy", () => {
    const policy = { ...DEFAULT_MATCHING_POLICY, unverifiedCertificateFactor: 0.2 };
    expect(scoreMatch(target, candidate({ verifiedCertificateLevel: null }), policy).components.certificate.points).toBe(3);
  });

  it("gives full marks where the target asks nothing", () => {
    const result = scoreMatch({ majorCode: "460103", skills: [] }, candidate({ certificateLevel: null, preferredCities: [] }));
    expect(result.components.skills.points).toBe(25);
    expect(result.components.certificate.points).toBe(15);
    expect(result.components.location.points).toBe(10);
  });
});

describe("hard constraints", () => {
  it.each<[string, MatchTarget, Partial<MatchCandidate>, string[]]>([
    ["meets everything", target, {}, []],
    ["senior order, skilled-worker certificate", { ...target, level: 3 }, { certificateLevel: 4 }, ["level"]],
    ["senior order, no certificate", { ...target, level: 2 }, { certificateLevel: null }, ["level"]],
    ["senior order, verified 高级工 for a 技师 order", { ...target, level: 2 }, { certificateLevel: 3, verifiedCertificateLevel: 3 }, []],
    // ADR 166: a senior order takes only a verified senior certificate.
    ["senior order, unverified 高级工", { ...target, level: 3 }, { certificateLevel: 3, verifiedCertificateLevel: null }, ["unverified"]],
    ["senior order, unverified 技师, verified 中级工", { ...target, level: 3 }, { certificateLevel: 2, verifiedCertificateLevel: 4 }, ["unverified"]],
    ["skilled-worker order takes anyone", { ...target, level: 4 }, { certificateLevel: null }, []],
    ["graduates after the start", target, { availableFrom: Date.UTC(2026, 6, 2) }, ["availability"]],
    ["already placed", target, { placed: true }, ["placed"]],
  ])("%s", (_, t, over, reasons) => {
    expect(exclusionsOf(t, candidate(over))).toEqual(reasons);
  });

  it("excludes rather than ranks an excluded candidate", () => {
    const { ranked, excluded } = rankCandidates(target, [candidate({ id: 1, placed: true }), candidate({ id: 2, majorCode: "520201" })]);
    expect(ranked.map((r) => r.candidate.id)).toEqual([2]);
    expect(excluded).toEqual([{ candidate: expect.objectContaining({ id: 1 }), reasons: ["placed"] }]);
  });
});

const arbCandidate = fc
  .record({
    id: fc.nat(1000),
    majorCode: fc.constantFrom("460103", "460101", "460301", "660103", "510201", "520201"),
    skills: fc.subarray(["数控编程", "PLC", "CAD", "焊接", "电工"]),
    certificateLevel: fc.option(fc.integer({ min: 1, max: 5 })),
    // The verified level is one of the graduate's certificates: never above the highest (a larger number is lower).
    verifiedGrade: fc.option(fc.integer({ min: 0, max: 4 })),
    preferredCities: fc.subarray(["360100", "360700", "360400"]),
    willingToRelocate: fc.boolean(),
    college: fc.constantFrom("C1", "C2"),
  })
  .map(({ verifiedGrade, ...c }) => ({
    ...c,
    verifiedCertificateLevel: c.certificateLevel === null || verifiedGrade === null ? null : Math.min(5, c.certificateLevel + verifiedGrade),
  }));

describe("scorer properties", () => {
  it("the score is the sum of the components, each within its maximum, total within 0 … 100", () => {
    fc.assert(
      fc.property(arbCandidate, (c) => {
        const result = scoreMatch(target, c);
        const parts = Object.values(result.components);
        for (const p of parts) {
          expect(p.points).toBeGreaterThanOrEqual(0);
          expect(p.points).toBeLessThanOrEqual(p.max);
        }
        expect(result.score).toBeCloseTo(parts.reduce((s, p) => s + p.points, 0), 6);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it("adding a required skill the candidate lacked never lowers the score", () => {
    fc.assert(
      fc.property(arbCandidate, fc.constantFrom(...target.skills), (c, skill) => {
        const more = { ...c, skills: [...c.skills, skill] };
        expect(scoreMatch(target, more).score).toBeGreaterThanOrEqual(scoreMatch(target, c).score);
      }),
    );
  });

  it("verifying the highest certificate never lowers the score, and unverified it earns the policy's share of the verified points", () => {
    fc.assert(
      fc.property(arbCandidate, arbTarget, (c, t) => {
        const verified = scoreMatch(t, { ...c, verifiedCertificateLevel: c.certificateLevel });
        const unverified = scoreMatch(t, { ...c, verifiedCertificateLevel: null });
        expect(scoreMatch(t, c).score).toBeLessThanOrEqual(verified.score);
        expect(unverified.score).toBeLessThanOrEqual(scoreMatch(t, c).score);
        const need = t.level && t.level > 0;
        const expected = need ? verified.components.certificate.points * DEFAULT_MATCHING_POLICY.unverifiedCertificateFactor : verified.components.certificate.points;
        expect(unverified.components.certificate.points).toBeCloseTo(expected, 1);
      }),
    );
  });

  it("ranking is best first and does not depend on the input order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbCandidate, { selector: (c) => c.id, maxLength: 12 }), (cs) => {
        const a = rankCandidates(target, cs).ranked.map((r) => r.candidate.id);
        const b = rankCandidates(target, [...cs].reverse()).ranked.map((r) => r.candidate.id);
        expect(a).toEqual(b);
        const scores = rankCandidates(target, cs).ranked.map((r) => r.score);
        expect(scores).toEqual([...scores].sort((x, y) => y - x));
      }),
    );
  });
});

const arbTarget = fc.record({
  majorCode: fc.option(fc.constantFrom("460103", "660301", "510201"), { nil: undefined }),
  majorClasses: fc.subarray(["4601", "4603", "6601", "5102"]),
  skills: fc.subarray(["数控编程", "PLC", "CAD", " plc "]),
  level: fc.option(fc.integer({ min: 0, max: 5 })),
  city: fc.option(fc.constantFrom("360100", "360700")),
  parkPairedColleges: fc.subarray(["C1", "C2"]),
});

describe("the fast score of the round", () => {
  it("equals the explained score for every target and candidate", () => {
    fc.assert(
      fc.property(arbTarget, arbCandidate, fc.constantFrom(DEFAULT_MATCHING_POLICY, { ...DEFAULT_MATCHING_POLICY, weights: { major: 33, skills: 17, certificate: 29, location: 7, pairing: 14 } }), (t, c, policy) => {
        expect(scoreValue(prepareTarget(t), prepareCandidate(c), policy)).toBe(scoreMatch(t, c, policy).score);
      }),
      { numRuns: 500 },
    );
  });
});
