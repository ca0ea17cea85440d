import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { centreFeature, type CentreChoice } from '../../../core/centre/centre.feature';
import { ThemeChoice } from '../../../core/shell/theme';
import { AnalyticsControls } from '../components/analytics-controls';
import { ArrivalsHeatmap } from '../components/arrivals-heatmap';
import { CARD_HEIGHT, ChartCard } from '../components/chart-card';
import { KpiTiles } from '../components/kpi-tiles';
import {
  adviceChart, arrivalsGrid, breachesChart, chartTheme, type ChartModel, csvFilename, type FindingsBreakdown, findingsChart, firstContactChart,
  firstContactSummary, funnelChart, outcomesChart, type PerDayBreakdown, redFlagsChart, requestsPerDayByCentreChart, requestsPerDayChart,
} from '../model/charts';
import { presetRange, type RangePreset, ukToday } from '../model/date-range';
import { longDay } from '../model/format';
import { kpiTiles, resultTiles } from '../model/kpis';
import { AnalyticsPageActions } from '../state/analytics.actions';
import { analyticsFeature } from '../state/analytics.feature';

interface PlainCard {
  /** Also names the CSV download. */
  slug: string;
  heading: string;
  description: string;
  chart: ChartModel;
  height: number;
  emptyText: string;
}

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
  /** The charts with nothing of their own beside the chart and its table, in the order they are shown. */
  protected readonly plainCards = computed<PlainCard[]>(() => {
    const d = this.data();
    if (!d) return [];
    const theme = this.theme();
    const comparing = this.comparing();
    return [
      {
        slug: 'target-breaches-by-week', heading: 'Response-target breaches by week', chart: breachesChart(d, theme), height: CARD_HEIGHT,
        description: 'Share of requests that passed their response target before the first call.',
        emptyText: 'No requests fell due in this range.',
      },
      {
        slug: 'funnel', heading: 'From request to first visit', chart: funnelChart(d.funnel, comparing, theme), height: CARD_HEIGHT,
        description: comparing
          ? 'Received, contacted, booked and attended, centres side by side. The table gives the conversion at each step.'
          : 'Received, contacted, booked and attended, with the share kept from the step before.',
        emptyText: 'No requests arrived in this range.',
      },
      {
        slug: 'outcomes', heading: 'Outcomes of closed requests', chart: outcomesChart(d, theme), height: CARD_HEIGHT,
        description: 'How each request that was closed in this range ended.',
        emptyText: 'No request was closed in this range.',
      },
      {
        slug: 'red-flag-requests', heading: 'Red-flag requests', chart: redFlagsChart(d, theme), height: 260,
        description: 'Requests whose message carried red-flag words, by priority, and what was done.',
        emptyText: 'No request carried red-flag words in this range.',
      },
      {
        slug: 'advice-by-module', heading: 'Advice sheets by module', chart: adviceChart(d, theme), height: CARD_HEIGHT,
        description: 'How many issued sheets included each advice module.',
        emptyText: 'No advice sheets were issued in this range.',
      },
    ];
  });
  protected readonly findings = computed(() => { const d = this.data(); return d ? findingsChart(d, this.findingsBy(), this.theme()) : null; });

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
