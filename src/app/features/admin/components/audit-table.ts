import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { AuditRow } from '../state/admin.selectors';

/** The audit events, newest first. Every cell is interpolated text: details are never markup. */
@Component({
  selector: 'cd-audit-table',
  imports: [MatTableModule],
  templateUrl: './audit-table.html',
  styleUrl: './audit-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditTable {
  readonly rows = input.required<AuditRow[]>();
  readonly emptyMessage = input('No events match these filters.');

  protected readonly columns = ['time', 'actor', 'action', 'entity', 'outcome', 'ip', 'detail'];

  protected readonly trackBySeq = (_index: number, row: AuditRow) => row.seq;

  protected row(value: AuditRow): AuditRow {
    return value;
  }
}
