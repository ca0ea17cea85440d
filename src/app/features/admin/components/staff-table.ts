import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Staff } from '../../../../shared/api/foundation';
import type { StaffRow } from '../state/admin.selectors';

const SORT_KEYS: Record<string, (row: StaffRow) => string> = {
  name: (row) => row.name,
  email: (row) => row.email,
  role: (row) => row.roleLabel,
  centres: (row) => row.centreNames,
  twoFactor: (row) => row.twoFactor,
  active: (row) => (row.active ? 'a' : 'b'),
};

@Component({
  selector: 'cd-staff-table',
  imports: [MatTableModule, MatSortModule, MatButtonModule, MatMenuModule, MatTooltipModule],
  templateUrl: './staff-table.html',
  styleUrl: './staff-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffTable {
  readonly rows = input.required<StaffRow[]>();
  readonly currentUserId = input<string | null>(null);
  /** Shown when no row matches. */
  readonly emptyMessage = input('No staff yet.');

  readonly edit = output<Staff>();
  readonly resetPassword = output<Staff>();
  readonly resetTwoFactor = output<Staff>();

  protected readonly columns = ['name', 'email', 'role', 'centres', 'twoFactor', 'active', 'actions'];
  protected readonly sort = signal<Sort>({ active: 'name', direction: 'asc' });

  protected readonly sortedRows = computed(() => {
    const { active, direction } = this.sort();
    const key = SORT_KEYS[active];
    if (!key || !direction) return this.rows();
    const factor = direction === 'asc' ? 1 : -1;
    return [...this.rows()].sort((a, b) => factor * key(a).localeCompare(key(b), 'en-GB', { sensitivity: 'base' }));
  });

  /** Typed access for the row templates (mat-table's row context is untyped). */
  protected row(value: StaffRow): StaffRow {
    return value;
  }
}
