import { ChangeDetectionStrategy, Component, inject, input, type OnInit, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { catchError, map, of, switchMap, throwError } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { VisitsApi } from '../data/visits-api';

/**
 * /visits/new?patientId=…&appointmentId=…&copyFromLast=true: starts the visit on the server and
 * opens it, replacing this URL so Back does not start a second visit. An appointment that already
 * has a visit opens that one.
 */
@Component({
  selector: 'cd-new-visit-page',
  imports: [MatProgressBar, MatButton, RouterLink],
  templateUrl: './new-visit-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewVisitPage implements OnInit {
  private readonly api = inject(VisitsApi);
  private readonly router = inject(Router);

  readonly patientId = input<string>('');
  readonly appointmentId = input<string>('');
  readonly copyFromLast = input<string>('');
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    this.start();
  }

  protected start(): void {
    const patientId = this.patientId();
    if (!patientId) {
      this.error.set('No patient was given. Open the patient first, then start the visit from their record.');
      return;
    }
    this.error.set(null);
    const appointmentId = this.appointmentId() || undefined;
    this.api
      .create(patientId, { appointmentId, copyFromLast: this.copyFromLast() === 'true' || undefined })
      .pipe(
        map((visit) => visit.id),
        catchError((e: unknown) => {
          const err = apiError(e);
          if (err.code !== 'visit_exists' || !appointmentId) return throwError(() => e);
          return this.api.list(patientId).pipe(
            switchMap((visits) => {
              const existing = visits.find((v) => v.appointmentId === appointmentId);
              return existing ? of(existing.id) : throwError(() => e);
            }),
          );
        }),
      )
      .subscribe({
        next: (id) => void this.router.navigate(['/visits', id], { replaceUrl: true }),
        error: (e: unknown) => this.error.set(apiError(e).message),
      });
  }
}
