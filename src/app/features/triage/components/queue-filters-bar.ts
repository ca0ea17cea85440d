import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { Priority, QueueSort, RequestKind, StatusFilter } from '../../../../shared/api/requests';
import { PRIORITY_LABELS, QUEUE_SORT_LABELS, REQUEST_KIND_LABELS, STATUS_FILTER_LABELS } from '../../../../shared/requests-labels';
import { activeFilterCount, type QueueFilters } from '../state/queue-filters';

type Toggle = 'mine' | 'unassigned' | 'overdue' | 'spam';

@Component({
  selector: 'cd-queue-filters-bar',
  imports: [MatFormFieldModule, MatSelectModule, MatChipListbox, MatChipOption, MatButtonModule],
  templateUrl: './queue-filters-bar.html',
  styleUrl: './queue-filters-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueueFiltersBar {
  readonly filters = input.required<QueueFilters>();
  /** Managers also see quarantined submissions (Spam). */
  readonly isManager = input(false);
  readonly changed = output<Partial<QueueFilters>>();
  readonly reset = output<void>();

  protected readonly kinds = Object.entries(REQUEST_KIND_LABELS) as [RequestKind, string][];
  protected readonly statuses = Object.entries(STATUS_FILTER_LABELS) as [StatusFilter, string][];
  protected readonly priorities = Object.entries(PRIORITY_LABELS) as [Priority, string][];
  protected readonly sorts = Object.entries(QUEUE_SORT_LABELS) as [QueueSort, string][];
  protected readonly toggles = computed(() => {
    const list: { value: Toggle; label: string }[] = [
      { value: 'mine', label: 'Mine' },
      { value: 'unassigned', label: 'Unassigned' },
      { value: 'overdue', label: 'Overdue' },
    ];
    if (this.isManager()) list.push({ value: 'spam', label: 'Spam' });
    return list;
  });
  protected readonly activeCount = computed(() => activeFilterCount(this.filters()));

  protected toggleChange(event: MatChipListboxChange): void {
    const on = new Set<Toggle>(event.value as Toggle[]);
    const next: Partial<QueueFilters> = { mine: on.has('mine'), unassigned: on.has('unassigned'), overdue: on.has('overdue'), spam: on.has('spam') };
    // "Mine" and "Unassigned" cannot both hold: the newest choice wins.
    if (next.mine && next.unassigned) {
      if (this.filters().mine) next.mine = false;
      else next.unassigned = false;
    }
    this.changed.emit(next);
  }

  protected selected(toggle: Toggle): boolean {
    return this.filters()[toggle];
  }
}
