import { FormControl, FormGroup } from '@angular/forms';
import type { HoldSeconds, PersonalDetails, PersonalSide } from '../../../../shared/advice';

/** One module's personal details as the clinician types them. Empty means "the module's own". */
export interface PersonalForm {
  side: FormControl<PersonalSide | ''>;
  holdFrom: FormControl<number | null>;
  holdTo: FormControl<number | null>;
  repetitions: FormControl<number | null>;
  note: FormControl<string>;
}

export type PersonalFormValue = ReturnType<FormGroup<PersonalForm>['getRawValue']>;

export function personalForm(personal: PersonalDetails): FormGroup<PersonalForm> {
  const hold = personal.holdSeconds;
  const [from, to] = hold === undefined ? [null, null] : typeof hold === 'number' ? [hold, null] : hold;
  return new FormGroup<PersonalForm>({
    side: new FormControl<PersonalSide | ''>(personal.side ?? '', { nonNullable: true }),
    holdFrom: new FormControl<number | null>(from),
    holdTo: new FormControl<number | null>(to),
    repetitions: new FormControl<number | null>(personal.repetitions ?? null),
    note: new FormControl(personal.note ?? '', { nonNullable: true }),
  });
}

/** The details the sheet gets: numbers as typed (personalIssues says what is wrong with them). */
export function personalFromForm(value: PersonalFormValue): PersonalDetails {
  const details: PersonalDetails = {};
  if (value.side !== '') details.side = value.side;
  const from = value.holdFrom;
  const to = value.holdTo;
  let hold: HoldSeconds | undefined;
  if (from !== null && to !== null) hold = from === to ? from : [from, to];
  else if (from !== null) hold = from;
  else if (to !== null) hold = to;
  if (hold !== undefined) details.holdSeconds = hold;
  if (value.repetitions !== null) details.repetitions = value.repetitions;
  if (value.note.trim() !== '') details.note = value.note;
  return details;
}
