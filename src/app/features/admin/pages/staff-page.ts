import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import type { Staff } from '../../../../shared/api/foundation';
import { authFeature } from '../../../core/auth/auth.feature';
import { StaffTable } from '../components/staff-table';
import { ResetDialog, type ResetDialogData } from '../dialogs/reset-dialog';
import { StaffDialog, type StaffDialogData } from '../dialogs/staff-dialog';
import { selectStaffRows, type StaffRow } from '../state/admin.selectors';
import { StaffPageActions } from '../state/staff.actions';
import { staffFeature } from '../state/staff.feature';

/** Matches name, email, role or centre, ignoring case: what a manager might type to find someone. */
export function matchesStaffFilter(row: StaffRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = `${row.name} ${row.email} ${row.roleLabel} ${row.centreNames} ${row.active ? 'active' : 'disabled'}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

@Component({
  selector: 'cd-staff-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, StaffTable],
  templateUrl: './staff-page.html',
  styleUrl: './staff-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  protected readonly loadStatus = this.store.selectSignal(staffFeature.selectLoadStatus);
  protected readonly loadError = this.store.selectSignal(staffFeature.selectLoadError);
  private readonly rows = this.store.selectSignal(selectStaffRows);
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly currentUserId = computed(() => this.user()?.id ?? null);

  protected readonly filter = signal('');
  protected readonly visibleRows = computed(() => this.rows().filter((row) => matchesStaffFilter(row, this.filter())));
  protected readonly countText = computed(() => {
    const total = this.rows().length;
    const shown = this.visibleRows().length;
    return shown === total ? `${total} ${total === 1 ? 'person' : 'people'}` : `Showing ${shown} of ${total}`;
  });

  constructor() {
    this.store.dispatch(StaffPageActions.opened());
  }

  protected retry(): void {
    this.store.dispatch(StaffPageActions.retryClicked());
  }

  protected add(): void {
    this.dialog.open<StaffDialog, StaffDialogData>(StaffDialog, { data: { mode: 'create' }, width: '560px', maxWidth: '95vw' });
  }

  protected edit(staff: Staff): void {
    this.dialog.open<StaffDialog, StaffDialogData>(StaffDialog, { data: { mode: 'edit', staff }, width: '560px', maxWidth: '95vw' });
  }

  protected resetPassword(staff: Staff): void {
    this.dialog.open<ResetDialog, ResetDialogData>(ResetDialog, { data: { kind: 'password', staff }, width: '520px', maxWidth: '95vw' });
  }

  protected resetTwoFactor(staff: Staff): void {
    this.dialog.open<ResetDialog, ResetDialogData>(ResetDialog, { data: { kind: 'two-factor', staff }, width: '520px', maxWidth: '95vw' });
  }
}
