import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import type { VisitSummary } from '../../../../../shared/api/visits';
import { authFeature } from '../../../../core/auth/auth.feature';
import { apiError } from '../../../../core/http-error';
import { VisitsApi } from '../../data/visits-api';

type Loaded = { status: 'loading' } | { status: 'loaded'; visits: VisitSummary[] } | { status: 'failed'; message: string };

const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The "Visits" section of the patient page: each visit with a link, "New visit" for
 * chiropractors, and the progress link. It is mounted on the patients route, where the exams
 * feature state is not registered, so it reads its short list through the data service itself.
 */
@Component({
  selector: 'cd-patient-visits-section',
  imports: [RouterLink, MatButton, MatProgressBar],
  templateUrl: './patient-visits-section.html',
  styleUrl: './patient-visits-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientVisitsSection {
  private readonly api = inject(VisitsApi);
  private readonly role = inject(Store).selectSignal(authFeature.selectRole);

  readonly patientId = input.required<string>();

  protected readonly canWrite = computed(() => this.role() === 'chiropractor');
  /** Clinical content is for chiropractors and managers; others see that visits happened. */
  protected readonly canRead = computed(() => this.role() === 'chiropractor' || this.role() === 'manager');
  private readonly reload = signal(0);

  protected readonly state = signal<Loaded>({ status: 'loading' });
  protected readonly visits = computed(() => {
    const s = this.state();
    return s.status === 'loaded' ? [...s.visits].reverse() : [];
  });

  constructor() {
    toObservable(computed(() => ({ id: this.patientId(), n: this.reload() })))
      .pipe(
        switchMap(({ id }) =>
          this.api.list(id).pipe(
            map((visits): Loaded => ({ status: 'loaded', visits })),
            catchError((e: unknown) => of<Loaded>({ status: 'failed', message: apiError(e).message })),
            startWith<Loaded>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((s) => this.state.set(s));
  }

  protected day(v: VisitSummary): string {
    return DAY.format(new Date(v.visitDate + 'T00:00:00Z'));
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }
}
