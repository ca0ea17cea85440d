import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { PatientExport } from '../../../../shared/api/diary';
import { APPOINTMENT_STATUS_LABELS } from '../../../../shared/diary-labels';
import { formatNhsNumber } from '../../../../shared/exam/nhs-number';
import { authFeature } from '../../../core/auth/auth.feature';
import { apiError } from '../../../core/http-error';
import { PatientsApi } from '../data/patients-api';
import { formatDateOfBirth, fullName } from '../patient-format';

/**
 * Subject access: a plain, printable summary of everything held about the patient, built from the
 * same export the JSON download uses. A one-off read for printing, so it does not go through the store.
 */
@Component({
  selector: 'cd-patient-summary-page',
  imports: [RouterLink, MatButton, MatProgressBar],
  templateUrl: './patient-summary-page.html',
  styleUrl: './patient-summary-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientSummaryPage {
  private readonly api = inject(PatientsApi);
  private readonly user = inject(Store).selectSignal(authFeature.selectUser);
  readonly id = input.required<string>();

  protected readonly data = signal<PatientExport | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly formatDateOfBirth = formatDateOfBirth;
  protected readonly name = computed(() => (this.data() ? fullName(this.data()!.patient) : ''));
  protected readonly relatedTables = computed(() => Object.entries(this.data()?.related ?? {}).filter(([, rows]) => rows.length > 0));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() =>
        this.api.export(id).subscribe({
          next: (data) => this.data.set(data),
          error: (err: unknown) => this.error.set(apiError(err).message),
        }));
    });
  }

  protected nhs(value: string | null): string {
    return value ? (formatNhsNumber(value) ?? value) : 'Not recorded';
  }

  protected centreName(id: string): string {
    return this.user()?.centres.find((c) => c.id === id)?.name ?? id;
  }

  protected dateTime(iso: string): string {
    return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
  }

  protected fields(row: Record<string, unknown>): { key: string; value: string }[] {
    return Object.entries(row).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) }));
  }

  protected print(): void {
    window.print();
  }
}
