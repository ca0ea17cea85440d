import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { Centre } from '../../../../shared/api/foundation';
import { describeMinutes, openingSummary } from '../format';
import { CentresPageActions } from '../state/centres.actions';
import { centresFeature } from '../state/centres.feature';

interface CentreRow {
  id: string;
  name: string;
  address: string;
  phone: string;
  timeZone: string;
  hours: string;
  targets: string;
  active: boolean;
}

function toRow(centre: Centre): CentreRow {
  return {
    id: centre.id,
    name: centre.name,
    address: centre.address,
    phone: centre.phone,
    timeZone: centre.timeZone,
    hours: openingSummary(centre.openingHours),
    targets: `Callback ${describeMinutes(centre.responseTargets.callbackMinutes)} · appointment ${describeMinutes(centre.responseTargets.appointmentMinutes)}`,
    active: centre.active,
  };
}

@Component({
  selector: 'cd-centres-page',
  imports: [MatTableModule, MatButtonModule, MatProgressBarModule, RouterLink],
  templateUrl: './centres-page.html',
  styleUrl: './centres-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CentresPage {
  private readonly store = inject(Store);

  protected readonly loadStatus = this.store.selectSignal(centresFeature.selectLoadStatus);
  protected readonly loadError = this.store.selectSignal(centresFeature.selectLoadError);
  private readonly centres = this.store.selectSignal(centresFeature.selectAllCentres);
  protected readonly rows = computed(() => this.centres().map(toRow));
  protected readonly columns = ['name', 'phone', 'hours', 'targets', 'timeZone', 'actions'];

  constructor() {
    this.store.dispatch(CentresPageActions.opened());
  }

  protected retry(): void {
    this.store.dispatch(CentresPageActions.retryClicked());
  }

  protected row(value: CentreRow): CentreRow {
    return value;
  }
}
