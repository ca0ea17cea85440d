/**
 * NHS number checks (NHS Data Dictionary, "NHS Number"): 10 digits, the last a modulus 11 check
 * digit over the first nine weighted 10 down to 2.
 *
 * Numbers arrive typed, pasted from letters and read over the phone, so spaces and dashes
 * (including the non-breaking space and en dash that word processors insert) are accepted and
 * dropped. Anything else, such as letters or dots, is rejected rather than stripped: a stray
 * character may mean the number itself was mistyped.
 */

const SEPARATORS = /[\s\-\u2010\u2011\u2012\u2013\u2014]/g;

/**
 * Check digit for nine digits, or null when the remainder makes it 10: no valid NHS number has
 * those nine digits.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** The 10 digits with no separators if `raw` is a valid NHS number, otherwise null. */
export function normaliseNhsNumber(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const digits = raw.replace(SEPARATORS, '');
  if (!/^\d{10}$/.test(digits)) return null;
  // 0000000000, 1111111111 ... pass the arithmetic but are placeholders, never issued numbers.
  if (/^(\d)\1{9}$/.test(digits)) return null;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]) ? digits : null;
}

export function isValidNhsNumber(raw: string | null | undefined): boolean {
  return normaliseNhsNumber(raw) !== null;
}

/** "943 476 5919": the 3-3-4 grouping NHS letters use. Null when not valid. */
export function formatNhsNumber(raw: string | null | undefined): string | null {
  const n = normaliseNhsNumber(raw);
  return n === null ? null : `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}
