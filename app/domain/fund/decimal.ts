/**
 * Exact decimals for rates and amounts typed by people: a decimal string becomes a
 * fraction of two BigInts, so no floating point ever touches money.
 */
export type Fraction = { readonly numerator: bigint; readonly denominator: bigint };

export type DecimalResult = { ok: true; value: Fraction } | { ok: false; reason: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX_FRACTION_DIGITS = 12;

/** Parses a non-negative decimal string such as "0.025" (no sign, no exponent, no percent). */
export function parseDecimal(text: string): DecimalResult {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { ok: false, reason: "应为小数形式的字符串，例如 \"0.025\"" };
  const digits = match[2] ?? "";
  if (digits.length > MAX_FRACTION_DIGITS) {
    return { ok: false, reason: `小数位数不能超过 ${MAX_FRACTION_DIGITS} 位` };
  }
  const numerator = BigInt(match[1]! + digits);
  const denominator = 10n ** BigInt(digits.length);
  return { ok: true, value: { numerator, denominator } };
}

/** A ratio between 0 and 1 inclusive (a rate or a share ratio). */
export function parseRatio(text: string): DecimalResult {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return parsed;
  if (parsed.value.numerator > parsed.value.denominator) return { ok: false, reason: "不能大于 1" };
  return parsed;
}

/** amount × fraction, rounded half-up to a whole number (amount ≥ 0). */
export function multiplyHalfUp(amount: bigint, fraction: Fraction): bigint {
  const { numerator, denominator } = fraction;
  return (2n * amount * numerator + denominator) / (2n * denominator);
}

/** The fraction as the shortest decimal string ("0.025"); every parsed decimal has one. */
export function formatFraction(fraction: Fraction): string {
  const scale = fraction.denominator.toString().length - 1;
  const digits = fraction.numerator.toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const part = digits.slice(digits.length - scale).replace(/0+$/, "");
  return part ? `${whole}.${part}` : whole;
}

/** A percentage for display: "0.025" → "2.5%". */
export function formatPercent(fraction: Fraction): string {
  return `${formatFraction({ numerator: fraction.numerator * 100n, denominator: fraction.denominator })}%`;
}
