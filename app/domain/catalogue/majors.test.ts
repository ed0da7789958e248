import { describe, expect, it } from "vitest";
import { majorName, majorText } from "./majors";

describe("major names", () => {
  it("names a 高职 and a 中职 major and keeps the code beside the name", () => {
    expect(majorText("460103")).toBe("数控技术（460103）");
    expect(majorText("660103")).toBe("数控技术应用（660103）");
  });

  it("a vocational-bachelor code reads as its 高职 twin; an unknown code stays a code", () => {
    expect(majorName("260103")).toBe("数控技术");
    expect(majorText("999999")).toBe("999999");
  });
});
