import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { isValidNhsNumber } from '../../../../shared/exam/nhs-number';

/**
 * NHS number is optional; when given it must be 10 digits with a valid modulus-11 check digit.
 * Reports `nhsLength` while fewer or more than 10 digits are typed, `nhsCheckDigit` when the
 * digits are complete but the check digit is wrong, and `nhsCharacters` for anything but digits,
 * spaces and dashes.
 */
export const nhsNumberValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const raw = (control.value ?? '').trim();
  if (!raw) return null;
  if (!/^[\d\s\-\u2010-\u2014]+$/.test(raw)) return { nhsCharacters: true };
  const digits = raw.replace(/\D/g, '');
  if (digits.length !== 10) return { nhsLength: { actual: digits.length } };
  return isValidNhsNumber(raw) ? null : { nhsCheckDigit: true };
};

export function nhsErrorMessage(errors: ValidationErrors | null): string | null {
  if (!errors) return null;
  if (errors['nhsCharacters']) return 'Use digits only (spaces are fine).';
  if (errors['nhsLength']) return `An NHS number has 10 digits; this has ${(errors['nhsLength'] as { actual: number }).actual}.`;
  if (errors['nhsCheckDigit']) return 'This is not a valid NHS number: the check digit does not match. Check for a mistyped digit.';
  return null;
}
