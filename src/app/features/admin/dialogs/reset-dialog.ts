import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Store } from '@ngrx/store';
import type { Staff } from '../../../../shared/api/foundation';
import { OneTimePassword } from '../components/one-time-password';
import { StaffDialogActions } from '../state/staff.actions';
import { staffFeature } from '../state/staff.feature';

export interface ResetDialogData {
  kind: 'password' | 'two-factor';
  staff: Staff;
}

/** Confirms a password or two-factor reset; a password reset then shows the new one-time password. */
@Component({
  selector: 'cd-reset-dialog',
  imports: [MatDialogModule, MatButtonModule, MatProgressSpinnerModule, OneTimePassword],
  templateUrl: './reset-dialog.html',
  styleUrl: './reset-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetDialog {
  private readonly store = inject(Store);
  private readonly dialogRef = inject<MatDialogRef<ResetDialog, boolean>>(MatDialogRef);
  protected readonly data = inject<ResetDialogData>(MAT_DIALOG_DATA);

  protected readonly state = this.store.selectSignal(staffFeature.selectDialog);
  protected readonly busy = computed(() => this.state().status === 'saving');
  protected readonly password = computed(() => (this.state().status === 'saved' ? this.state().oneTimePassword : null));
  protected readonly error = computed(() => (this.state().status === 'failed' ? this.state().error?.message ?? null : null));

  constructor() {
    this.store.dispatch(StaffDialogActions.opened());
    this.dialogRef.afterClosed().subscribe(() => this.store.dispatch(StaffDialogActions.closed()));
    effect(() => {
      const status = this.state().status;
      untracked(() => {
        if (status !== 'saved') return;
        if (this.data.kind === 'two-factor') this.dialogRef.close(true);
        // The password is shown once: an accidental click outside must not throw it away.
        else this.dialogRef.disableClose = true;
      });
    });
  }

  protected confirm(): void {
    const id = this.data.staff.id;
    this.store.dispatch(
      this.data.kind === 'password' ? StaffDialogActions.resetPasswordConfirmed({ id }) : StaffDialogActions.resetTwoFactorConfirmed({ id }),
    );
  }
}
