import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from './nhs-number';

describe('NHS number', () => {
  // Checked independently of this code (weights 10..2, modulus 11).
  const valid = ['9434765919', '4010232137', '9990000018', '3416721101', '6840388549', '2143044321'];

  it('accepts known valid numbers', () => {
    for (const n of valid) expect(isValidNhsNumber(n)).withContext(n).toBeTrue();
  });

  it('accepts spaces and dashes as typed, pasted or read out', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(normaliseNhsNumber('  943 476 5919  ')).toBe('9434765919');
    expect(normaliseNhsNumber('943\u00a0476\u00a05919')).toBe('9434765919'); // non-breaking spaces
    expect(normaliseNhsNumber('943–476–5919')).toBe('9434765919'); // en dashes from a word processor
    expect(normaliseNhsNumber('9 4 3 4 7 6 5 9 1 9')).toBe('9434765919');
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBeFalse();
    expect(isValidNhsNumber('9434765910')).toBeFalse();
  });

  it('rejects a transposition of two digits (what the check digit is for)', () => {
    expect(isValidNhsNumber('4934765919')).toBeFalse();
  });

  it('rejects nine digits whose check digit would be 10, whatever the last digit', () => {
    expect(nhsCheckDigit('756834567')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`756834567${d}`)).withContext(String(d)).toBeFalse();
  });

  it('uses check digit 0 when the weighted sum divides by 11 exactly (11 − 0 = 11 → 0)', () => {
    // 8×10 + 2×9 + 8×8 + 8×7 + 3×6 + 6×5 + 0×4 + 7×3 + 5×2 = 297 = 27 × 11
    expect(nhsCheckDigit('828836075')).toBe(0);
    expect(isValidNhsNumber('8288360750')).toBeTrue();
    expect(isValidNhsNumber('8288360751')).toBeFalse();
  });

  it('rejects all-same-digit numbers even where the arithmetic passes', () => {
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(nhsCheckDigit('111111111')).toBe(1);
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(String(d).repeat(10))).withContext(String(d)).toBeFalse();
  });

  it('rejects the wrong length, letters and other punctuation', () => {
    expect(isValidNhsNumber('943476591')).toBeFalse();
    expect(isValidNhsNumber('94347659190')).toBeFalse();
    expect(isValidNhsNumber('943.476.5919')).toBeFalse();
    expect(isValidNhsNumber('943 476 591O')).toBeFalse(); // letter O for zero
    expect(isValidNhsNumber('+943 476 5919')).toBeFalse();
    expect(isValidNhsNumber('')).toBeFalse();
    expect(isValidNhsNumber('   ')).toBeFalse();
    expect(isValidNhsNumber(null)).toBeFalse();
    expect(isValidNhsNumber(undefined)).toBeFalse();
  });

  it('formats as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
    expect(formatNhsNumber('9434765918')).toBeNull();
  });
});
