import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CloseInput, CloseOutcome, RequestMatch } from '../../../../shared/api/requests';
import { CLOSE_OUTCOME_LABELS } from '../../../../shared/requests-labels';

export interface CloseFormControls {
  outcome: FormControl<CloseOutcome | ''>;
  duplicateOf: FormControl<string>;
  note: FormControl<string>;
}

/** Closes a request with its outcome. "Booked" needs the appointment; "Duplicate" names the earlier request. */
@Component({
  selector: 'cd-close-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, MatInputModule, MatButtonModule],
  templateUrl: './close-form.html',
  styleUrl: './close-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CloseForm {
  readonly busy = input(false);
  readonly appointmentId = input<string | null>(null);
  readonly duplicateCandidates = input<readonly RequestMatch[]>([]);
  /** Three failed attempts: offer "unable to contact" first. */
  readonly suggestUnableToContact = input(false);
  readonly fieldErrors = input<Record<string, string>>({});
  readonly submitted = output<CloseInput>();

  readonly form = new FormGroup<CloseFormControls>({
    outcome: new FormControl<CloseOutcome | ''>('', { nonNullable: true, validators: [Validators.required] }),
    duplicateOf: new FormControl('', { nonNullable: true }),
    note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(1000)] }),
  });

  protected readonly outcomes = computed(() =>
    (Object.entries(CLOSE_OUTCOME_LABELS) as [CloseOutcome, string][]).map(([value, label]) => ({
      value,
      label,
      disabled: value === 'booked' && !this.appointmentId(),
      hint: value === 'booked' && !this.appointmentId() ? ' (book an appointment first)' : '',
    })));

  constructor() {
    effect(() => {
      if (this.suggestUnableToContact() && !this.form.controls.outcome.value) this.form.controls.outcome.setValue('unable-to-contact');
    });
  }

  reset(): void {
    this.form.reset();
  }

  protected submit(): void {
    const { outcome, duplicateOf, note } = this.form.getRawValue();
    if (outcome === 'duplicate' && !duplicateOf) this.form.controls.duplicateOf.setErrors({ required: true });
    if (this.form.invalid || !outcome) {
      this.form.markAllAsTouched();
      return;
    }
    const input: CloseInput = { outcome };
    if (note.trim()) input.note = note.trim();
    if (outcome === 'duplicate') input.duplicateOf = duplicateOf;
    if (outcome === 'booked' && this.appointmentId()) input.appointmentId = this.appointmentId()!;
    this.submitted.emit(input);
  }
}
