import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { debounceTime, distinctUntilChanged, filter, map, of, switchMap, catchError } from 'rxjs';
import type { Patient, PatientDetail, PatientSummary } from '../../../../shared/api/diary';
import { formatNhsNumber } from '../../../../shared/exam/nhs-number';
import { apiError } from '../../../core/http-error';
import { PatientsApi } from '../data/patients-api';
import { formatDateOfBirth, fullName } from '../patient-format';

export interface MergeDialogData {
  survivor: Patient;
}

export interface MergeChoice {
  duplicateId: string;
  duplicateVersion: number;
}

/** Manager picks the duplicate record, sees what will move, and confirms. */
@Component({
  selector: 'cd-merge-dialog',
  imports: [
    ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatFormField, MatLabel, MatHint,
    MatInput, MatProgressBar,
  ],
  templateUrl: './merge-dialog.html',
  styleUrl: './merge-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MergeDialog {
  private readonly api = inject(PatientsApi);
  private readonly dialogRef = inject<MatDialogRef<MergeDialog, MergeChoice>>(MatDialogRef);
  protected readonly survivor = inject<MergeDialogData>(MAT_DIALOG_DATA).survivor;

  protected readonly search = new FormControl(`${this.survivor.familyName}`, { nonNullable: true });
  protected readonly results = signal<PatientSummary[]>([]);
  protected readonly searching = signal(false);
  protected readonly duplicate = signal<PatientDetail | null>(null);
  protected readonly loadingDuplicate = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly candidates = computed(() => this.results().filter((p) => p.id !== this.survivor.id && !p.mergedInto));

  protected readonly fullName = fullName;
  protected readonly formatDateOfBirth = formatDateOfBirth;
  protected readonly survivorName = fullName(this.survivor);

  constructor() {
    this.search.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        filter((q) => q.length >= 2),
        switchMap((q) => {
          this.searching.set(true);
          return this.api.search({ q, limit: 10 }).pipe(
            map((page) => page.items),
            catchError((err: unknown) => {
              this.error.set(apiError(err).message);
              return of([] as PatientSummary[]);
            }),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((items) => {
        this.searching.set(false);
        this.results.set(items);
      });
    // Start with the people sharing the survivor's family name: the likeliest duplicates.
    queueMicrotask(() => this.search.setValue(this.search.value + ' '));
  }

  protected nhs(value: string | null): string {
    return value ? (formatNhsNumber(value) ?? value) : 'no NHS number';
  }

  protected pick(candidate: PatientSummary): void {
    this.loadingDuplicate.set(true);
    this.error.set(null);
    this.api.get(candidate.id).subscribe({
      next: (detail) => {
        this.loadingDuplicate.set(false);
        this.duplicate.set(detail);
      },
      error: (err: unknown) => {
        this.loadingDuplicate.set(false);
        this.error.set(apiError(err).message);
      },
    });
  }

  protected confirm(): void {
    const duplicate = this.duplicate();
    if (duplicate) this.dialogRef.close({ duplicateId: duplicate.patient.id, duplicateVersion: duplicate.patient.version });
  }
}
