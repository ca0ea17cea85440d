import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { Slot } from '../../../../shared/api/diary';
import { dayIn, longDay, timeIn } from '../time';

export interface SlotDay {
  date: string;
  label: string;
  slots: { slot: Slot; key: string; time: string }[];
}

export function slotKey(slot: Slot): string {
  return `${slot.clinicianId}@${slot.start}`;
}

/** Groups free slots by the centre-local day they fall on, keeping the server's order. */
export function groupSlotsByDay(slots: readonly Slot[], timeZone: string): SlotDay[] {
  const days = new Map<string, SlotDay>();
  for (const slot of slots) {
    const date = dayIn(slot.start, timeZone);
    let day = days.get(date);
    if (!day) {
      day = { date, label: longDay(date), slots: [] };
      days.set(date, day);
    }
    day.slots.push({ slot, key: slotKey(slot), time: timeIn(slot.start, timeZone) });
  }
  return [...days.values()];
}

/** Free slots grouped by day; each is a toggle button, one chosen at a time. */
@Component({
  selector: 'cd-slot-list',
  templateUrl: './slot-list.html',
  styleUrl: './slot-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SlotList {
  readonly slots = input.required<readonly Slot[]>();
  readonly timeZone = input.required<string>();
  /** Show the clinician's name on each slot (when no clinician was chosen). */
  readonly showClinician = input(true);
  readonly selectedKey = input<string | null>(null);
  readonly slotChosen = output<Slot>();

  protected readonly days = computed(() => groupSlotsByDay(this.slots(), this.timeZone()));
}
