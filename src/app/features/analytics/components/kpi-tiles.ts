import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Tile } from '../model/kpis';

/** Headline figures as a description list: each value read together with its label and meaning. */
@Component({
  selector: 'cd-kpi-tiles',
  templateUrl: './kpi-tiles.html',
  styleUrl: './kpi-tiles.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KpiTiles {
  readonly tiles = input.required<Tile[]>();
  readonly label = input.required<string>();
}
