import { describe, expect, it } from "vitest";
import { matchRuns } from "./highlighted";

describe("matchRuns", () => {
  it("alternates text outside and inside a match, starting outside", () => {
    expect(matchRuns([{ text: "负责", match: false }, { text: "数控", match: true }, { text: "车床", match: false }])).toEqual(["负责", "数控", "车床"]);
    expect(matchRuns([{ text: "数控", match: true }, { text: "车床", match: false }])).toEqual(["", "数控", "车床"]);
  });

  it("joins neighbouring pieces of the same kind, so matches stay at odd positions", () => {
    expect(
      matchRuns([
        { text: "西门子", match: false },
        { text: " ", match: false },
        { text: "PLC", match: true },
        { text: "编程", match: true },
      ]),
    ).toEqual(["西门子 ", "PLC编程"]);
  });

  it("keeps every character of the text", () => {
    expect(matchRuns([]).join("")).toBe("");
    expect(matchRuns([{ text: "客户经理", match: false }])).toEqual(["客户经理"]);
  });
});
