import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { AttemptInput, AttemptOutcome } from '../../../../shared/api/requests';
import { ATTEMPT_OUTCOME_LABELS } from '../../../../shared/requests-labels';

export interface AttemptFormControls {
  outcome: FormControl<AttemptOutcome | ''>;
  note: FormControl<string>;
  nextAttemptAt: FormControl<string>;
}

/** `datetime-local` gives the screen's local time without a zone; the API wants an instant. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Logs one call to the patient. Keeps what was typed until the server has taken it. */
@Component({
  selector: 'cd-attempt-form',
  imports: [ReactiveFormsModule, MatRadioModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  templateUrl: './attempt-form.html',
  styleUrl: './attempt-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttemptForm {
  readonly busy = input(false);
  /** Field messages from the server's 400, keyed by field name. */
  readonly fieldErrors = input<Record<string, string>>({});
  readonly submitted = output<AttemptInput>();

  protected readonly outcomes = Object.entries(ATTEMPT_OUTCOME_LABELS) as [AttemptOutcome, string][];
  readonly form = new FormGroup<AttemptFormControls>({
    outcome: new FormControl<AttemptOutcome | ''>('', { nonNullable: true, validators: [Validators.required] }),
    note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(1000)] }),
    nextAttemptAt: new FormControl('', { nonNullable: true }),
  });
  private readonly firstRadio = viewChild<ElementRef<HTMLElement>>('outcomeGroup');

  focusFirst(): void {
    this.firstRadio()?.nativeElement.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  }

  reset(): void {
    this.form.reset();
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { outcome, note, nextAttemptAt } = this.form.getRawValue();
    const input: AttemptInput = { outcome: outcome as AttemptOutcome };
    if (note.trim()) input.note = note.trim();
    const next = localInputToIso(nextAttemptAt);
    if (next) input.nextAttemptAt = next;
    this.submitted.emit(input);
  }
}
