/**
 * Activation codes on letters: 8 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), shown as two groups of four. People type them with spaces, dashes
 * or in lower case; all those forms mean the same code.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;

export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

export function formatCode(code: string): string {
  const c = normalizeCode(code);
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

/** A well-formed code, before looking it up. */
export function isCodeShaped(raw: string): boolean {
  const c = normalizeCode(raw);
  return c.length === CODE_LENGTH && [...c].every((ch) => CODE_ALPHABET.includes(ch));
}
