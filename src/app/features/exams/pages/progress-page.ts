import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { BaseChartDirective } from 'ng2-charts';
import { FINDING_PROGRESS_LABELS } from '../../../../shared/exam';
import { ProgressPageActions } from '../state/exams.actions';
import { progressFeature } from '../state/progress.feature';
import { measureCharts } from './progress-charts';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' });

/** /visits/progress/:patientId: outcome scores across visits with the meaningful-change band, and findings over time. */
@Component({
  selector: 'cd-progress-page',
  imports: [BaseChartDirective, RouterLink, MatButton, MatProgressBar],
  templateUrl: './progress-page.html',
  styleUrl: './progress-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgressPage {
  private readonly store = inject(Store);
  readonly patientId = input.required<string>();

  protected readonly status = this.store.selectSignal(progressFeature.selectStatus);
  protected readonly error = this.store.selectSignal(progressFeature.selectError);
  protected readonly visits = this.store.selectSignal(progressFeature.selectVisits);
  private readonly history = this.store.selectSignal(progressFeature.selectHistory);
  protected readonly timeline = this.store.selectSignal(progressFeature.selectTimeline);
  protected readonly statusLabels = FINDING_PROGRESS_LABELS;

  protected readonly labels = computed(() =>
    this.visits().map((v, i) => `${i + 1}: ${DAY.format(new Date(v.visitDate + 'T00:00:00Z'))}${v.status === 'draft' ? ' (draft)' : ''}`),
  );
  protected readonly charts = computed(() => measureCharts(this.history(), this.labels()));

  constructor() {
    effect(() => {
      const patientId = this.patientId();
      untracked(() => this.store.dispatch(ProgressPageActions.opened({ patientId })));
    });
  }

  protected retry(): void {
    this.store.dispatch(ProgressPageActions.retryClicked({ patientId: this.patientId() }));
  }
}
