/** Digits with an optional sign and decimal point, as a form's number input sends them; no hex, no exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Number fields take numbers, or decimal strings because forms only have strings. Anything else
 * ("", true, "0x80", null) reaches the number schema as it is and is refused there, instead of
 * being coerced the way Number() would ("" and false to 0, true to 1, "0x80" to 128).
 */
export const fromDecimal = (v: unknown) => (typeof v === 'string' && DECIMAL.test(v.trim()) ? Number(v.trim()) : v);
