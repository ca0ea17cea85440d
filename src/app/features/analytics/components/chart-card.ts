import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import type { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { RenderSteps } from '../../../core/render/render-steps';
import { type DataTable, tableCsv } from '../model/charts';

let nextId = 0;

/**
 * One figure of the page: a chart (or projected custom view), the same numbers as a real table for
 * screen readers, a CSV of exactly those rows, and an empty state.
 */
/** Chart height in CSS pixels unless a card asks for another. */
export const CARD_HEIGHT = 280;

@Component({
  selector: 'cd-chart-card',
  imports: [BaseChartDirective, MatButton, MatButtonToggleGroup, MatButtonToggle],
  templateUrl: './chart-card.html',
  styleUrl: './chart-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartCard {
  readonly heading = input.required<string>();
  readonly description = input('');
  readonly table = input.required<DataTable>();
  readonly filename = input.required<string>();
  readonly empty = input(false);
  readonly emptyText = input('No data for this range and centre.');
  /** Without a config the projected content is the chart view (the heat map). */
  readonly config = input<ChartConfiguration | null>(null);
  readonly height = input(CARD_HEIGHT);

  protected readonly view = signal<'chart' | 'table'>('chart');
  protected readonly headingId = `cd-chart-card-${nextId++}`;
  protected readonly chartLabel = computed(() => `${this.heading()}: chart. Choose Table to read the numbers.`);
  /**
   * chart.js lays out and paints a canvas synchronously when it is created; each card's chart is
   * created in a task of its own after the first paint (the box keeps its height meanwhile).
   */
  protected readonly chartDrawn = signal(false);

  constructor() {
    const drop = inject(RenderSteps).add(() => this.chartDrawn.set(true));
    inject(DestroyRef).onDestroy(drop);
  }

  protected download(): void {
    // The byte-order mark makes Excel read the file as UTF-8 (labels use en dashes and arrows).
    const blob = new Blob(['\ufeff', tableCsv(this.table())], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = this.filename();
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
