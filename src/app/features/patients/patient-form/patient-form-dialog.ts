import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { ReactiveFormsModule } from '@angular/forms';
import { Store } from '@ngrx/store';
import type { Patient } from '../../../../shared/api/diary';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { apiError } from '../../../core/http-error';
import { PatientsApi } from '../data/patients-api';
import { PatientFields } from './patient-fields';
import { createPatientForm, toPatientInput } from './patient-form.model';

/** What a caller may already know about the person, e.g. from a web request. */
export interface PatientFormDialogData {
  givenName?: string;
  familyName?: string;
  phone?: string;
  email?: string;
  centreId?: string;
}

/**
 * Creates a patient. Opened from the patients list, the booking dialog and the requests queue;
 * closes with the created Patient, or undefined when cancelled.
 */
@Component({
  selector: 'cd-patient-form-dialog',
  imports: [ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, PatientFields],
  templateUrl: './patient-form-dialog.html',
  styleUrl: './patient-form-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientFormDialog {
  private readonly api = inject(PatientsApi);
  private readonly store = inject(Store);
  private readonly dialogRef = inject<MatDialogRef<PatientFormDialog, Patient>>(MatDialogRef);
  private readonly data = inject<PatientFormDialogData | null>(MAT_DIALOG_DATA, { optional: true }) ?? {};

  private readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly selectedCentre = this.store.selectSignal(centreFeature.selectSelected);
  protected readonly centres = computed(() => this.user()?.centres ?? []);

  protected readonly form = createPatientForm({
    givenName: this.data.givenName ?? '',
    familyName: this.data.familyName ?? '',
    phone: this.data.phone ?? '',
    email: this.data.email ?? '',
    centreId: this.data.centreId ?? this.defaultCentre(),
  });
  protected readonly showMore = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      // A hidden field with a problem must be shown, or the user cannot fix it.
      if (this.form.controls.nhsNumber.invalid) this.showMore.set(true);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.create(toPatientInput(this.form.getRawValue())).subscribe({
      next: (patient) => this.dialogRef.close(patient),
      error: (err: unknown) => {
        const problem = apiError(err);
        this.busy.set(false);
        this.error.set(problem.message);
        this.fieldErrors.set(problem.fields);
        if (Object.keys(problem.fields).some((key) => ['address', 'gpPractice', 'nhsNumber'].includes(key))) this.showMore.set(true);
      },
    });
  }

  private defaultCentre(): string {
    const selected = this.selectedCentre();
    if (selected !== 'all') return selected;
    const centres = this.user()?.centres ?? [];
    return centres.length === 1 ? centres[0]!.id : '';
  }
}
