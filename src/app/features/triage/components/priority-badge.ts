import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Priority } from '../../../../shared/api/requests';
import { PRIORITY_LABELS } from '../../../../shared/requests-labels';

const ICONS: Record<Priority, string> = { emergency: 'emergency_home', urgent: 'priority_high', routine: 'schedule' };

/** Priority as colour, icon and word together: never colour alone. */
@Component({
  selector: 'cd-priority-badge',
  template: `<span class="material-symbols-outlined" aria-hidden="true">{{ icon() }}</span><span>{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-flex; align-items: center; gap: 4px;
      padding: 2px 8px 2px 6px; border-radius: 12px;
      font: var(--mat-sys-label-large); white-space: nowrap;
      .material-symbols-outlined { font-size: 18px; }
    }
    :host(.emergency) { background: var(--cd-emergency); color: var(--mat-sys-on-error); }
    :host(.urgent) { background: var(--cd-urgent-container); color: var(--cd-urgent); border: 1px solid var(--cd-urgent); }
    :host(.routine) { background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface-variant); }
  `,
  host: { '[class]': 'priority()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PriorityBadge {
  readonly priority = input.required<Priority>();
  protected readonly icon = computed(() => ICONS[this.priority()]);
  protected readonly label = computed(() => PRIORITY_LABELS[this.priority()]);
}
