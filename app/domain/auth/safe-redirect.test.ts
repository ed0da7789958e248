import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { safeRedirect } from "./safe-redirect";

describe("post-login redirect", () => {
  it.each([
    ["/graduate/jobs?q=数控", "/graduate/jobs?q=%E6%95%B0%E6%8E%A7"],
    ["/college/graduates", "/college/graduates"],
    ["/home#top", "/home#top"],
    ["/\\evil.example", "/home"],
    ["//evil.example", "/home"],
    ["/\t/evil.example", "/home"],
    ["/\n/evil.example", "/home"],
    ["\\\\evil.example", "/home"],
    ["https://evil.example/", "/home"],
    ["http:evil.example", "/home"],
    ["javascript:alert(1)", "/home"],
    ["evil.example", "/home"],
    ["", "/home"],
    [undefined, "/home"],
    ["/a\\b", "/home"],
  ])("%j → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it("always answers a path of this site, whatever the input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`)), (input) => {
        const target = safeRedirect(input);
        const resolved = new URL(target, "https://parkbridge.example");
        return target.startsWith("/") && !target.startsWith("//") && resolved.host === "parkbridge.example";
      }),
    );
  });
});
