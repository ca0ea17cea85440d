import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { map } from 'rxjs';
import type { Patient } from '../../../../shared/api/diary';
import { fullName } from '../patient-format';

export interface AnonymiseDialogData {
  patient: Patient;
}

/** Erasure cannot be undone: the manager gives a reason and types the family name to confirm. */
@Component({
  selector: 'cd-anonymise-dialog',
  imports: [ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatFormField, MatLabel, MatHint, MatError, MatInput],
  templateUrl: './anonymise-dialog.html',
  styleUrl: './anonymise-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnonymiseDialog {
  private readonly dialogRef = inject<MatDialogRef<AnonymiseDialog, string>>(MatDialogRef);
  protected readonly patient = inject<AnonymiseDialogData>(MAT_DIALOG_DATA).patient;
  protected readonly name = fullName(this.patient);

  protected readonly form = new FormGroup({
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(500)] }),
    confirmName: new FormControl('', {
      nonNullable: true,
      validators: [(control: AbstractControl<string>) => (this.matches(control.value) ? null : { mismatch: true })],
    }),
  });
  protected readonly canConfirm = toSignal(this.form.statusChanges.pipe(map((status) => status === 'VALID')), { initialValue: false });

  private matches(value: string): boolean {
    return value.trim().toLocaleLowerCase('en-GB') === this.patient.familyName.trim().toLocaleLowerCase('en-GB');
  }

  protected confirm(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.dialogRef.close(this.form.controls.reason.value.trim());
  }
}
