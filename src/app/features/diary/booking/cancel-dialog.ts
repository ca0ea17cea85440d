import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { Appointment } from '../../../../shared/api/diary';
import { dayIn, longDay, timeIn } from '../time';

export interface CancelDialogData {
  appointment: Appointment;
  timeZone: string;
}

/** Confirms a cancellation; closes with the (optional) reason, or undefined to keep it. */
@Component({
  selector: 'cd-cancel-dialog',
  imports: [ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatFormField, MatLabel, MatHint, MatInput],
  templateUrl: './cancel-dialog.html',
  styleUrl: './cancel-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CancelDialog {
  private readonly dialogRef = inject<MatDialogRef<CancelDialog, string>>(MatDialogRef);
  protected readonly data = inject<CancelDialogData>(MAT_DIALOG_DATA);
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(300)] });
  protected readonly when = `${longDay(dayIn(this.data.appointment.start, this.data.timeZone))} at ${timeIn(this.data.appointment.start, this.data.timeZone)}`;

  protected confirm(): void {
    this.dialogRef.close(this.reason.value.trim());
  }
}
