import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { RedFlag, StaffRef } from '../../../../shared/api/requests';
import { RED_FLAG_LEVEL_LABELS } from '../../../../shared/requests-labels';
import { ClinicTimePipe } from './clinic-time.pipe';

/**
 * What the patient wrote that needs escalating, what to do, and what to say. Staff recognise and
 * escalate; they do not diagnose. The flags stay until someone explicitly acknowledges them.
 */
@Component({
  selector: 'cd-red-flag-box',
  imports: [MatButtonModule, ClinicTimePipe],
  templateUrl: './red-flag-box.html',
  styleUrl: './red-flag-box.scss',
  host: { '[class]': 'level()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RedFlagBox {
  readonly flags = input.required<readonly RedFlag[]>();
  readonly acknowledged = input(false);
  readonly acknowledgedBy = input<StaffRef | null>(null);
  readonly acknowledgedAt = input<string | null>(null);
  readonly busy = input(false);
  readonly acknowledge = output<void>();

  protected readonly level = computed(() => {
    const levels = this.flags().map((f) => f.level);
    return levels.includes('emergency') ? 'emergency' : levels.includes('urgent') ? 'urgent' : 'gp';
  });
  protected readonly title = computed(() => RED_FLAG_LEVEL_LABELS[this.level()]);
  /** Flags that need action; GP notes are shown below them, quieter. */
  protected readonly ordered = computed(() => {
    const rank = { emergency: 0, urgent: 1, gp: 2 } as const;
    return [...this.flags()].sort((a, b) => rank[a.level] - rank[b.level]);
  });
}
