import { FormControl } from '@angular/forms';
import { nhsErrorMessage, nhsNumberValidator } from './nhs-number.validator';

describe('nhsNumberValidator', () => {
  const check = (value: string) => nhsNumberValidator(new FormControl(value, { nonNullable: true }));

  it('accepts an empty field and a valid number typed with spaces', () => {
    expect(check('')).toBeNull();
    expect(check('943 476 5919')).toBeNull();
  });

  it('says how many digits are missing, then whether the check digit is wrong', () => {
    expect(nhsErrorMessage(check('943 476'))).toBe('An NHS number has 10 digits; this has 6.');
    expect(nhsErrorMessage(check('943 476 5918'))).toContain('check digit does not match');
    expect(nhsErrorMessage(check('943.476.5919'))).toBe('Use digits only (spaces are fine).');
  });
});
