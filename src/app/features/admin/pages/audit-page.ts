import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Store } from '@ngrx/store';
import { AuditFilters } from '../components/audit-filters';
import { AuditTable } from '../components/audit-table';
import { selectAuditRows, selectStaffOptions } from '../state/admin.selectors';
import { type AuditFilters as Filters, AuditPageActions } from '../state/audit.actions';
import { auditFeature } from '../state/audit.feature';

@Component({
  selector: 'cd-audit-page',
  imports: [AuditFilters, AuditTable, MatButtonModule, MatProgressBarModule, MatProgressSpinnerModule],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly store = inject(Store);

  protected readonly filters = this.store.selectSignal(auditFeature.selectFilters);
  protected readonly status = this.store.selectSignal(auditFeature.selectStatus);
  protected readonly error = this.store.selectSignal(auditFeature.selectError);
  protected readonly hasOlder = this.store.selectSignal(auditFeature.selectHasOlder);
  protected readonly rows = this.store.selectSignal(selectAuditRows);
  protected readonly people = this.store.selectSignal(selectStaffOptions);
  protected readonly filtered = computed(() => Object.values(this.filters()).some(Boolean));
  protected readonly countText = computed(() => {
    const count = this.rows().length;
    return `${count} ${count === 1 ? 'event' : 'events'} shown, newest first`;
  });

  constructor() {
    this.store.dispatch(AuditPageActions.opened());
  }

  protected apply(filters: Filters): void {
    this.store.dispatch(AuditPageActions.filtersApplied({ filters }));
  }

  protected loadOlder(): void {
    this.store.dispatch(AuditPageActions.loadOlderClicked());
  }

  protected retry(): void {
    this.store.dispatch(AuditPageActions.retryClicked());
  }
}
