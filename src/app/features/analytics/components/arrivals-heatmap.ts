import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type ArrivalsGrid, hourLabel } from '../model/charts';

/**
 * Weekday × hour as a shaded table rather than a chart: the counts stay readable, and row and
 * column headers give screen readers "Tuesday, 09:00, 14".
 */
@Component({
  selector: 'cd-arrivals-heatmap',
  templateUrl: './arrivals-heatmap.html',
  styleUrl: './arrivals-heatmap.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArrivalsHeatmap {
  readonly grid = input.required<ArrivalsGrid>();
  protected readonly hourLabel = hourLabel;
}
