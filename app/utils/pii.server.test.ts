import { describe, expect, it } from "vitest";
import { decryptIdNumber, encryptIdNumber, hashIdNumber } from "./pii.server";

const KEY = "unit-test-pii-key-0123456789abcdef";
const OTHER_KEY = "another-pii-key-0123456789abcdef";
const ID = "11010519491231002X";

describe("identity number protection", () => {
  it("decrypts what it encrypted", () => {
    const cipher = encryptIdNumber(ID, KEY);
    expect(cipher).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(cipher).not.toContain(ID);
    expect(decryptIdNumber(cipher, KEY)).toBe(ID);
  });

  it("stores the canonical form: spaces trimmed, x upper-cased", () => {
    expect(decryptIdNumber(encryptIdNumber(" 11010519491231002x ", KEY), KEY)).toBe(ID);
    expect(hashIdNumber(" 11010519491231002x", KEY)).toBe(hashIdNumber(ID, KEY));
  });

  it("refuses to decrypt with the wrong key", () => {
    const cipher = encryptIdNumber(ID, KEY);
    expect(() => decryptIdNumber(cipher, OTHER_KEY)).toThrow(/无法解密/);
  });

  it("refuses an altered ciphertext", () => {
    const [version, nonce, tag, text] = encryptIdNumber(ID, KEY).split(":");
    const altered = Buffer.from(text!, "base64");
    altered[0] = altered[0]! ^ 1;
    expect(() => decryptIdNumber([version, nonce, tag, altered.toString("base64")].join(":"), KEY)).toThrow();
    expect(() => decryptIdNumber("not a ciphertext", KEY)).toThrow(/格式/);
  });

  it("hashes stably per key and differently across keys and numbers", () => {
    const hash = hashIdNumber(ID, KEY);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIdNumber(ID, KEY)).toBe(hash);
    expect(hashIdNumber(ID, OTHER_KEY)).not.toBe(hash);
    expect(hashIdNumber("360102200001011234", KEY)).not.toBe(hash);
  });

  it("encrypts deterministically per key, never with a shared nonce across numbers", () => {
    expect(encryptIdNumber(ID, KEY)).toBe(encryptIdNumber(ID, KEY));
    const nonceOf = (id: string) => encryptIdNumber(id, KEY).split(":")[1];
    expect(nonceOf("360102200001011234")).not.toBe(nonceOf(ID));
  });

  it("keeps reading what earlier releases stored: the key derivation is fixed (known answers)", () => {
    // Stored hashes and ciphertexts outlive releases: a changed HKDF salt or label would orphan every one.
    expect(hashIdNumber(ID, KEY)).toBe("07363cff7e7dfd6d57584cfa6b470a60c070e3c71d8a62b4e037840dd1ddafcf");
    const stored = "v1:X2S5RJJMyfBTl7i6:KCEOXe7WQlaxvLkRi33N8A==:TX7O18gUlYglDiZSSi5rKNKC";
    expect(encryptIdNumber(ID, KEY)).toBe(stored);
    expect(decryptIdNumber(stored, KEY)).toBe(ID);
    // Keys are derived once per secret and kept: a secret no other test uses, so that the derivation runs here.
    const fresh = "known-answer-key-only-this-test-0123456789";
    expect(hashIdNumber("36010219900307123X", fresh)).toBe("1e4d3bc9eb952101f5a8992b00ceeb1d68d4268995b0415f5025b769c4847f04");
    expect(encryptIdNumber("36010219900307123X", fresh)).toBe("v1:4jAICnY78bBwcAQM:JMXamM4A85KZcni7d6pEwA==:dK2YwIjYMJ6vOH3qknC/23FI");
  });

  it("names a text that is not a ciphertext of this format, before trying to decrypt it", () => {
    const [, nonce, tag, text] = encryptIdNumber(ID, KEY).split(":");
    for (const malformed of [`v2:${nonce}:${tag}:${text}`, `v1::${tag}:${text}`, `v1:${nonce}::${text}`, `v1:${nonce}:${tag}`]) {
      expect(() => decryptIdNumber(malformed, KEY)).toThrow("身份证号密文格式无法识别");
    }
  });
});
