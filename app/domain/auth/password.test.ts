import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { COMMON_PASSWORDS } from "./common-passwords";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "./password";

describe("password rules", () => {
  it.each([
    ["Gan-2026-jx", "wangfang", null],
    ["长风破浪会有时!", "wangfang", null],
    ["Ab1!", "wangfang", "密码至少 8 个字符"],
    ["1234567", "wangfang", "密码至少 8 个字符"],
    ["WangFang", "wangfang", "密码不能与用户名相同"],
    ["wangfang2026x", "wangfang2026X", "密码不能与用户名相同"],
    ["12345678", "wangfang", "该密码过于常见，容易被猜中，请换一个"],
    ["Password123", "wangfang", "该密码过于常见，容易被猜中，请换一个"],
    ["woaini1314", "wangfang", "该密码过于常见，容易被猜中，请换一个"],
    ["Demo@2026", "wangfang", "该密码过于常见，容易被猜中，请换一个"],
    ["x".repeat(129), "wangfang", "密码不能超过 128 个字符"],
  ])("%j for login %j → %s", (password, login, problem) => {
    expect(passwordProblem(password, login)).toBe(problem);
  });

  it("ships a list of common passwords", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(150);
  });

  it("never accepts a short password, the login itself or a listed one", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), fc.string({ minLength: 1, maxLength: 20 }), (password, login) => {
        if (passwordProblem(password, login) !== null) return true;
        return (
          password.length >= MIN_PASSWORD_LENGTH &&
          password.toLowerCase() !== login.toLowerCase() &&
          !COMMON_PASSWORDS.has(password.toLowerCase())
        );
      }),
    );
    expect(passwordProblem("Abcdefgh1", "abcdefgh1")).not.toBeNull();
  });
});
