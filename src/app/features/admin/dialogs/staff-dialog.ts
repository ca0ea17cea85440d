import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Store } from '@ngrx/store';
import { map } from 'rxjs';
import type { Staff } from '../../../../shared/api/foundation';
import { ROLE_LABELS, ROLES, type Role } from '../../../../shared/roles';
import { authFeature } from '../../../core/auth/auth.feature';
import { ConflictNotice } from '../components/conflict-notice';
import { OneTimePassword } from '../components/one-time-password';
import { applyServerErrors } from '../form-errors';
import { staffChanges } from '../format';
import { selectCentreNameOf } from '../state/admin.selectors';
import { centresFeature } from '../state/centres.feature';
import { StaffDialogActions } from '../state/staff.actions';
import { staffFeature } from '../state/staff.feature';

export type StaffDialogData = { mode: 'create' } | { mode: 'edit'; staff: Staff };

function buildForm(staff: Staff | null) {
  return new FormGroup({
    name: new FormControl(staff?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120), Validators.pattern(/\S/)] }),
    email: new FormControl(staff?.email ?? '', { nonNullable: true, validators: [Validators.required, Validators.email, Validators.maxLength(200)] }),
    role: new FormControl<Role>(staff?.role ?? 'receptionist', { nonNullable: true, validators: [Validators.required] }),
    centreIds: new FormControl<string[]>(staff ? [...staff.centreIds] : [], { nonNullable: true, validators: [Validators.required] }),
    active: new FormControl(staff?.active ?? true, { nonNullable: true }),
  });
}

/** Adds a staff member (then shows their one-time password) or edits one, with a version check. */
@Component({
  selector: 'cd-staff-dialog',
  imports: [
    ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, MatButtonModule,
    MatProgressSpinnerModule, ConflictNotice, OneTimePassword,
  ],
  templateUrl: './staff-dialog.html',
  styleUrl: './staff-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffDialog {
  private readonly store = inject(Store);
  private readonly dialogRef = inject<MatDialogRef<StaffDialog, Staff | undefined>>(MatDialogRef);
  protected readonly data = inject<StaffDialogData>(MAT_DIALOG_DATA);

  protected readonly original = this.data.mode === 'edit' ? this.data.staff : null;
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;

  protected readonly state = this.store.selectSignal(staffFeature.selectDialog);
  protected readonly busy = this.store.selectSignal(staffFeature.selectDialogBusy);
  protected readonly centres = this.store.selectSignal(centresFeature.selectAllCentres);
  private readonly centreNameOf = this.store.selectSignal(selectCentreNameOf);
  private readonly currentUser = this.store.selectSignal(authFeature.selectUser);

  protected readonly form = buildForm(this.original);
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), { initialValue: this.form.getRawValue() });

  protected readonly editingSelf = computed(() => !!this.original && this.original.id === this.currentUser()?.id);
  /** Changing role or disabling ends the person's sessions at once; say so before they save. */
  protected readonly signsOut = computed(() =>
    !!this.original && !this.editingSelf() && (this.value().role !== this.original.role || this.value().active !== this.original.active));
  protected readonly createdPassword = computed(() => (this.data.mode === 'create' && this.state().status === 'saved' ? this.state().oneTimePassword : null));
  protected readonly createdName = signal('');

  private readonly theirsTakenFrom = signal<Staff | null>(null);
  protected readonly showConflict = computed(() => {
    const { status, latest } = this.state();
    return status === 'stale' || (status === 'reloading') || (!!latest && this.theirsTakenFrom() !== latest);
  });
  protected readonly changes = computed(() => {
    const latest = this.state().latest;
    return this.original && latest ? staffChanges(this.original, latest, this.centreNameOf()) : [];
  });
  protected readonly generalError = signal<string | null>(null);

  constructor() {
    this.store.dispatch(StaffDialogActions.opened());
    if (this.original) this.form.controls.email.disable();
    else if (this.centres().length === 1) this.form.controls.centreIds.setValue([this.centres()[0].id]);

    this.dialogRef.afterClosed().subscribe(() => this.store.dispatch(StaffDialogActions.closed()));

    effect(() => {
      const { status, error } = this.state();
      untracked(() => {
        if (status === 'saved' && this.original) {
          this.dialogRef.close();
        } else if (status === 'saved') {
          // The password is shown once: an accidental click outside must not throw it away.
          this.dialogRef.disableClose = true;
        } else if (status === 'failed' && error) {
          const unmatched = applyServerErrors(this.form, error.fields);
          this.generalError.set(Object.keys(error.fields).length === 0 ? error.message : unmatched.join(' ') || null);
        } else {
          this.generalError.set(null);
        }
      });
    });
  }

  protected title(): string {
    if (this.createdPassword()) return `${this.createdName()} can now sign in`;
    return this.original ? `Edit ${this.original.name}` : 'Add staff';
  }

  protected centresLabel(ids: string[]): string {
    const nameOf = this.centreNameOf();
    return ids.map(nameOf).join(', ');
  }

  protected reload(): void {
    if (this.original) this.store.dispatch(StaffDialogActions.reloadLatestClicked({ id: this.original.id }));
  }

  protected useTheirs(): void {
    const latest = this.state().latest;
    if (!latest) return;
    this.form.reset({ name: latest.name, email: latest.email, role: latest.role, centreIds: [...latest.centreIds], active: latest.active });
    this.theirsTakenFrom.set(latest);
  }

  protected save(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    if (this.original) {
      const version = this.state().latest?.version ?? this.original.version;
      this.store.dispatch(StaffDialogActions.updateSubmitted({
        id: this.original.id,
        version,
        input: { name: value.name.trim(), role: value.role, centreIds: value.centreIds, active: value.active },
      }));
    } else {
      this.createdName.set(value.name.trim());
      this.store.dispatch(StaffDialogActions.createSubmitted({
        input: { name: value.name.trim(), email: value.email.trim(), role: value.role, centreIds: value.centreIds },
      }));
    }
  }
}
