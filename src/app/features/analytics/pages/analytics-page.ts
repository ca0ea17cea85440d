import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { centreFeature, type CentreChoice } from '../../../core/centre/centre.feature';
import { ThemeChoice } from '../../../core/shell/theme';
import { AnalyticsControls } from '../components/analytics-controls';
import { ArrivalsHeatmap } from '../components/arrivals-heatmap';
import { ChartCard } from '../components/chart-card';
import { KpiTiles } from '../components/kpi-tiles';
import {
  adviceChart, arrivalsGrid, breachesChart, chartTheme, csvFilename, type FindingsBreakdown, findingsChart, firstContactChart,
  firstContactSummary, funnelChart, outcomesChart, type PerDayBreakdown, redFlagsChart, requestsPerDayByCentreChart, requestsPerDayChart,
} from '../model/charts';
import { presetRange, type RangePreset, ukToday } from '../model/date-range';
import { longDay } from '../model/format';
import { kpiTiles, resultTiles } from '../model/kpis';
import { AnalyticsPageActions } from '../state/analytics.actions';
import { analyticsFeature } from '../state/analytics.feature';

/** /analytics: the manager's view of the front desk and the clinics, for a range and centres. */
@Component({
  selector: 'cd-analytics-page',
  imports: [AnalyticsControls, ArrivalsHeatmap, ChartCard, KpiTiles, MatButton, MatButtonToggleGroup, MatButtonToggle, MatProgressBar],
  templateUrl: './analytics-page.html',
  styleUrl: './analytics-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPage {
  private readonly store = inject(Store);
  private readonly themeChoice = inject(ThemeChoice);

  protected readonly filters = this.store.selectSignal(analyticsFeature.selectFilters);
  protected readonly data = this.store.selectSignal(analyticsFeature.selectData);
  protected readonly perCentre = this.store.selectSignal(analyticsFeature.selectPerCentre);
  protected readonly status = this.store.selectSignal(analyticsFeature.selectStatus);
  protected readonly error = this.store.selectSignal(analyticsFeature.selectError);
  protected readonly centres = this.store.selectSignal(analyticsFeature.selectMyCentres);
  protected readonly comparing = this.store.selectSignal(analyticsFeature.selectComparing);

  protected readonly perDayBy = signal<PerDayBreakdown>('kind');
  protected readonly findingsBy = signal<FindingsBreakdown>('type');

  private readonly theme = computed(() => chartTheme(this.themeChoice.dark()));

  /** What the figures on screen are for, in words ("1 Oct 2026 to 31 Oct 2026 · Bath, Bristol"). */
  protected readonly scope = computed(() => {
    const data = this.data();
    if (!data) return '';
    const names = data.centres.map((c) => c.name);
    const where = names.length > 3 ? `${names.length} centres` : names.join(', ');
    return `${longDay(data.from)} to ${longDay(data.to)} · ${where || 'no centres'}`;
  });

  protected readonly kpis = computed(() => { const d = this.data(); return d ? kpiTiles(d) : []; });
  protected readonly results = computed(() => { const d = this.data(); return d ? resultTiles(d) : []; });
  protected readonly perDay = computed(() => {
    const d = this.data();
    if (!d) return null;
    return this.comparing()
      ? requestsPerDayByCentreChart(this.perCentre(), d.from, d.to, this.theme())
      : requestsPerDayChart(d, this.perDayBy(), this.theme());
  });
  protected readonly arrivals = computed(() => { const d = this.data(); return d ? arrivalsGrid(d) : null; });
  protected readonly firstContact = computed(() => { const d = this.data(); return d ? firstContactChart(d, this.theme()) : null; });
  protected readonly firstContactFacts = computed(() => { const d = this.data(); return d ? firstContactSummary(d) : null; });
  protected readonly breaches = computed(() => { const d = this.data(); return d ? breachesChart(d, this.theme()) : null; });
  protected readonly funnel = computed(() => { const d = this.data(); return d ? funnelChart(d.funnel, this.comparing(), this.theme()) : null; });
  protected readonly outcomes = computed(() => { const d = this.data(); return d ? outcomesChart(d, this.theme()) : null; });
  protected readonly redFlags = computed(() => { const d = this.data(); return d ? redFlagsChart(d, this.theme()) : null; });
  protected readonly findings = computed(() => { const d = this.data(); return d ? findingsChart(d, this.findingsBy(), this.theme()) : null; });
  protected readonly advice = computed(() => { const d = this.data(); return d ? adviceChart(d, this.theme()) : null; });

  constructor() {
    const today = ukToday();
    this.store.dispatch(AnalyticsPageActions.opened({
      filters: {
        ...presetRange('last-30', today), preset: 'last-30',
        centre: this.store.selectSignal(centreFeature.selectSelected)(), compare: false,
      },
    }));
    inject(DestroyRef).onDestroy(() => this.store.dispatch(AnalyticsPageActions.closed()));
  }

  protected filename(slug: string): string {
    const d = this.data();
    return d ? csvFilename(slug, d.from, d.to) : `clinic-desk-${slug}.csv`;
  }

  protected rangeChanged(range: { from: string; to: string; preset: RangePreset }): void {
    this.store.dispatch(AnalyticsPageActions.rangeChanged(range));
  }

  protected centreChanged(centre: CentreChoice): void {
    this.store.dispatch(AnalyticsPageActions.centreChanged({ centre }));
  }

  protected compareToggled(compare: boolean): void {
    this.store.dispatch(AnalyticsPageActions.compareToggled({ compare }));
  }

  protected retry(): void {
    this.store.dispatch(AnalyticsPageActions.retryClicked());
  }
}
