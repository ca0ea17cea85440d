import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { apiError } from '../../../../core/http-error';
import { HandoutsApi, handoutPdfUrl } from '../../data/handouts-api';
import { ICON_FONT } from '../../icon-font';

/**
 * The advice sheets issued to a patient, for the patient page (every role). Print opens the print
 * view; receptionists may reprint but not author, so there is no "new sheet" here.
 *
 * It fetches its own list rather than using the store: it is mounted on another feature's route,
 * where this feature's state is not registered, and the list is read-only.
 */
@Component({
  selector: 'cd-patient-handouts-section',
  imports: [DatePipe, RouterLink, MatButton, MatIcon, MatProgressSpinner],
  templateUrl: './patient-handouts-section.html',
  styleUrl: './patient-handouts-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ICON_FONT],
})
export class PatientHandoutsSection {
  private readonly api = inject(HandoutsApi);

  readonly patientId = input.required<string>();

  protected readonly handouts = rxResource({
    params: () => this.patientId(),
    stream: ({ params }) => this.api.listForPatient(params),
  });
  protected readonly rows = computed(() => (this.handouts.hasValue() ? this.handouts.value() : []));
  protected readonly error = computed(() => (this.handouts.error() ? apiError(this.handouts.error()).message : null));

  protected pdfUrl(id: string): string {
    return handoutPdfUrl(id);
  }

  protected reload(): void {
    this.handouts.reload();
  }
}
