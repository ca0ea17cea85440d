import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { WEEKDAYS } from '../format';
import {
  addSession, CloseTimeErrorMatcher, type DayForm, MAX_SESSIONS_PER_DAY, type OpeningHoursForm, removeSession, setDayClosed,
} from './opening-hours.model';

let nextId = 0;

/** Opening hours, Monday to Sunday: each day open or closed, with one or two sessions. */
@Component({
  selector: 'cd-opening-hours-editor',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, MatButtonModule, MatTooltipModule],
  templateUrl: './opening-hours-editor.html',
  styleUrl: './opening-hours-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpeningHoursEditor {
  /** The array is owned by the parent form, so it submits and validates with everything else. */
  readonly form = input.required<OpeningHoursForm>();

  protected readonly idPrefix = `hours-${nextId++}`;
  protected readonly closeMatcher = new CloseTimeErrorMatcher();
  protected readonly maxSessions = MAX_SESSIONS_PER_DAY;

  protected dayLabel(day: DayForm): string {
    return WEEKDAYS.find((d) => d.weekday === day.controls.weekday.value)?.label ?? '';
  }

  protected closedChanged(day: DayForm, closed: boolean): void {
    setDayClosed(day, closed);
  }

  protected add(day: DayForm): void {
    addSession(day);
  }

  protected remove(day: DayForm, index: number): void {
    removeSession(day, index);
  }
}
