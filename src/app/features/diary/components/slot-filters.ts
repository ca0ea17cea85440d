import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { TimeOfDay } from '../../../../shared/api/diary';
import { TIME_OF_DAY_LABELS, WEEKDAY_LABELS, WEEKDAY_SHORT_LABELS } from '../../../../shared/diary-labels';

export interface SlotFilterForm {
  /** Weekday numbers, 0 = Sunday; empty means any day. */
  days: FormControl<number[]>;
  timeOfDay: FormControl<TimeOfDay>;
  /** First day to search from, YYYY-MM-DD. */
  from: FormControl<string>;
}
export type SlotFilterGroup = FormGroup<SlotFilterForm>;

export function createSlotFilters(initial: { days?: number[]; timeOfDay?: TimeOfDay; from: string }): SlotFilterGroup {
  return new FormGroup<SlotFilterForm>({
    days: new FormControl(initial.days ?? [], { nonNullable: true }),
    timeOfDay: new FormControl(initial.timeOfDay ?? 'any', { nonNullable: true }),
    from: new FormControl(initial.from, { nonNullable: true }),
  });
}

const WEEKDAY_CODES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Preferred days arrive as 'mon'…'sun' (web requests), day names, or weekday numbers. */
export function toWeekdayNumbers(days: readonly (string | number)[] | undefined): number[] {
  const out = new Set<number>();
  for (const day of days ?? []) {
    const n = typeof day === 'number' ? day : /^\d$/.test(day) ? Number(day) : WEEKDAY_CODES[day.slice(0, 3).toLowerCase()];
    if (n !== undefined && n >= 0 && n <= 6) out.add(n);
  }
  return [...out].sort();
}

export function toTimeOfDay(value: string | null | undefined): TimeOfDay {
  return value === 'morning' || value === 'afternoon' || value === 'evening' ? value : 'any';
}

/** The patient's preferences that narrow the slot finder: days of the week, part of the day, from when. */
@Component({
  selector: 'cd-slot-filters',
  imports: [ReactiveFormsModule, MatButtonToggleGroup, MatButtonToggle, MatFormField, MatLabel, MatInput],
  templateUrl: './slot-filters.html',
  styleUrl: './slot-filters.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SlotFilters {
  readonly form = input.required<SlotFilterGroup>();
  protected readonly today = new Date().toISOString().slice(0, 10);
  /** Monday first, as UK diaries are. */
  protected readonly weekdays = [1, 2, 3, 4, 5, 6, 0].map((n) => ({ n, short: WEEKDAY_SHORT_LABELS[n], long: WEEKDAY_LABELS[n] }));
  protected readonly timesOfDay = (['any', 'morning', 'afternoon', 'evening'] as const).map((value) => ({
    value, label: value === 'any' ? 'Any time' : value[0]!.toUpperCase() + value.slice(1), title: TIME_OF_DAY_LABELS[value],
  }));
}
