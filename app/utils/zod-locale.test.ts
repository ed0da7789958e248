import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseFields } from "./forms";

describe("schema validation messages", () => {
  it("are Chinese even where a schema gives no message of its own", () => {
    const schema = z.object({ count: z.number(), kind: z.enum(["job", "order"]) });
    const result = schema.safeParse({ count: "三", kind: "offer" });
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).not.toMatch(/Invalid|expected/i);
    }
  });

  it("reach the form's fields in Chinese", () => {
    const form = new FormData();
    form.set("year", "abc");
    const result = parseFields(z.object({ year: z.coerce.number().int() }), form);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors.year).toMatch(/[\u4e00-\u9fff]/);
  });
});
