import { type AbstractControl, FormControl, FormGroup, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';
import type { Patient, PatientInput } from '../../../../shared/api/diary';
import { normaliseNhsNumber } from '../../../../shared/exam/nhs-number';
import { nhsNumberValidator } from './nhs-number.validator';

export interface PatientForm {
  centreId: FormControl<string>;
  givenName: FormControl<string>;
  familyName: FormControl<string>;
  dateOfBirth: FormControl<string>;
  phone: FormControl<string>;
  email: FormControl<string>;
  address: FormControl<string>;
  gpPractice: FormControl<string>;
  nhsNumber: FormControl<string>;
  contactConsent: FormControl<boolean>;
  largePrint: FormControl<boolean>;
  language: FormControl<string>;
  otherNeeds: FormControl<string>;
}
export type PatientFormGroup = FormGroup<PatientForm>;
export type PatientFormValue = ReturnType<PatientFormGroup['getRawValue']>;

/** Not in the future, not before 1900: the same rule the server applies. */
export function dateOfBirthValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value;
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { dateOfBirth: true };
  const today = new Date().toISOString().slice(0, 10);
  return value > today || value < '1900-01-01' ? { dateOfBirth: true } : null;
}

export function createPatientForm(prefill: Partial<PatientFormValue> = {}): PatientFormGroup {
  const text = (value = '', ...validators: ValidatorFn[]) =>
    new FormControl(value, { nonNullable: true, validators });
  return new FormGroup<PatientForm>({
    centreId: text(prefill.centreId, Validators.required),
    givenName: text(prefill.givenName, Validators.required, Validators.maxLength(80)),
    familyName: text(prefill.familyName, Validators.required, Validators.maxLength(80)),
    dateOfBirth: text(prefill.dateOfBirth, Validators.required, dateOfBirthValidator),
    phone: text(prefill.phone, Validators.maxLength(40)),
    email: text(prefill.email, Validators.email, Validators.maxLength(200)),
    address: text(prefill.address, Validators.maxLength(300)),
    gpPractice: text(prefill.gpPractice, Validators.maxLength(200)),
    nhsNumber: text(prefill.nhsNumber, nhsNumberValidator),
    contactConsent: new FormControl(prefill.contactConsent ?? false, { nonNullable: true }),
    largePrint: new FormControl(prefill.largePrint ?? false, { nonNullable: true }),
    language: text(prefill.language, Validators.maxLength(80)),
    otherNeeds: text(prefill.otherNeeds, Validators.maxLength(300)),
  });
}

export function formValueFromPatient(patient: Patient): PatientFormValue {
  return {
    centreId: patient.centreId,
    givenName: patient.givenName,
    familyName: patient.familyName,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    address: patient.address,
    gpPractice: patient.gpPractice,
    nhsNumber: patient.nhsNumber ?? '',
    contactConsent: patient.contactConsent,
    largePrint: patient.communicationNeeds.largePrint,
    language: patient.communicationNeeds.language ?? '',
    otherNeeds: patient.communicationNeeds.other ?? '',
  };
}

export function toPatientInput(value: PatientFormValue): PatientInput {
  const nhs = value.nhsNumber.trim();
  return {
    centreId: value.centreId,
    givenName: value.givenName.trim(),
    familyName: value.familyName.trim(),
    dateOfBirth: value.dateOfBirth,
    phone: value.phone.trim(),
    email: value.email.trim(),
    address: value.address.trim(),
    gpPractice: value.gpPractice.trim(),
    nhsNumber: nhs ? (normaliseNhsNumber(nhs) ?? nhs) : null,
    contactConsent: value.contactConsent,
    communicationNeeds: {
      largePrint: value.largePrint,
      language: value.language.trim() || null,
      other: value.otherNeeds.trim() || null,
    },
  };
}

/** Equal as saved: surrounding spaces do not count. */
export function sameValue(x: string | boolean, y: string | boolean): boolean {
  return typeof x === 'string' && typeof y === 'string' ? x.trim() === y.trim() : x === y;
}

/** Fields whose saved value differs between two copies of the form. */
export function changedFields(a: PatientFormValue, b: PatientFormValue): (keyof PatientFormValue)[] {
  return (Object.keys(a) as (keyof PatientFormValue)[]).filter((key) => !sameValue(a[key], b[key]));
}
