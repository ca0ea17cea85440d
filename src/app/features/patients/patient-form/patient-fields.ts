import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type AbstractControl, ReactiveFormsModule } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { COMMUNICATION_NEED_LABELS, PATIENT_FIELD_LABELS } from '../../../../shared/diary-labels';
import { formatNhsNumber } from '../../../../shared/exam/nhs-number';
import { nhsErrorMessage } from './nhs-number.validator';
import type { PatientFormGroup } from './patient-form.model';

export interface CentreOption {
  id: string;
  name: string;
}

/** The patient's details as form fields; used by the create dialog and the record page. */
@Component({
  selector: 'cd-patient-fields',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatError, MatHint, MatInput, MatSelect, MatOption, MatCheckbox],
  templateUrl: './patient-fields.html',
  styleUrl: './patient-fields.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientFields {
  readonly form = input.required<PatientFormGroup>();
  readonly centres = input.required<readonly CentreOption[]>();
  /** Field messages from the server's 400 answer, by field name. */
  readonly serverErrors = input<Record<string, string>>({});
  /** Show address, GP, NHS number and communication needs (the create dialog keeps them folded). */
  readonly full = input(true);

  protected readonly labels = PATIENT_FIELD_LABELS;
  protected readonly needLabels = COMMUNICATION_NEED_LABELS;
  protected readonly today = new Date().toISOString().slice(0, 10);

  /** The NHS number is checked as it is typed, not only after the field is left. */
  protected readonly liveMatcher: ErrorStateMatcher = {
    isErrorState: (control: AbstractControl | null) => !!control && control.invalid && (control.dirty || control.touched),
  };

  // Typing in a field of this template marks it for check, so these plain reads stay live.
  protected nhsMessage(): string | null {
    return nhsErrorMessage(this.form().controls.nhsNumber.errors);
  }

  protected nhsFormatted(): string | null {
    return formatNhsNumber(this.form().controls.nhsNumber.value);
  }
}
