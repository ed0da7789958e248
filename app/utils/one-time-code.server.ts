import { createHash, randomInt } from "node:crypto";
import { CODE_ALPHABET, CODE_LENGTH, normalizeCode } from "~/domain/auth/one-time-code";

/** A fresh activation code (crypto-random, from the look-alike-free alphabet). */
export function newActivationCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What the database keeps of a code: its SHA-256, whatever way the code was typed. */
export function hashActivationCode(raw: string): string {
  return createHash("sha256").update(`activation:${normalizeCode(raw)}`).digest("hex");
}

/** How long a code on an activation letter stays valid. */
export const ACTIVATION_CODE_DAYS = 30;
