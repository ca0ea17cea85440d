import { type AbstractControl, FormArray, FormControl, FormGroup, type FormGroupDirective, type NgForm, type ValidationErrors, Validators } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import type { OpeningHours } from '../../../../shared/api/foundation';
import { WEEKDAYS } from '../format';

export type SessionForm = FormGroup<{ open: FormControl<string>; close: FormControl<string> }>;
export type DayForm = FormGroup<{ weekday: FormControl<number>; closed: FormControl<boolean>; sessions: FormArray<SessionForm> }>;
export type OpeningHoursForm = FormArray<DayForm>;

/** Two sessions a day covers a lunch closure; the API allows at most 14 slots a week. */
export const MAX_SESSIONS_PER_DAY = 2;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A session must close after it opens (times are "HH:MM", so text order is time order). */
export function closeAfterOpen(group: AbstractControl): ValidationErrors | null {
  const { open, close } = (group as SessionForm).getRawValue();
  return TIME.test(open) && TIME.test(close) && close <= open ? { closeBeforeOpen: true } : null;
}

/** A second session starts after the first one ends. */
export function sessionsInOrder(day: AbstractControl): ValidationErrors | null {
  const sessions = (day as DayForm).controls.sessions.controls.filter((s) => s.enabled).map((s) => s.getRawValue());
  for (let i = 1; i < sessions.length; i++) {
    if (TIME.test(sessions[i].open) && TIME.test(sessions[i - 1].close) && sessions[i].open < sessions[i - 1].close) {
      return { sessionsOverlap: true };
    }
  }
  return null;
}

export function sessionForm(open = '09:00', close = '17:00'): SessionForm {
  return new FormGroup(
    {
      open: new FormControl(open, { nonNullable: true, validators: [Validators.required, Validators.pattern(TIME)] }),
      close: new FormControl(close, { nonNullable: true, validators: [Validators.required, Validators.pattern(TIME)] }),
    },
    { validators: closeAfterOpen },
  );
}

export function buildOpeningHoursForm(hours: OpeningHours): OpeningHoursForm {
  return new FormArray(
    WEEKDAYS.map(({ weekday }) => {
      const slots = hours.filter((slot) => slot.weekday === weekday).sort((a, b) => a.open.localeCompare(b.open));
      const closed = slots.length === 0;
      const sessions = new FormArray(closed ? [sessionForm()] : slots.map((slot) => sessionForm(slot.open, slot.close)));
      if (closed) sessions.disable();
      return new FormGroup(
        {
          weekday: new FormControl(weekday, { nonNullable: true }),
          closed: new FormControl(closed, { nonNullable: true }),
          sessions,
        },
        { validators: sessionsInOrder },
      );
    }),
  );
}

/** A closed day keeps its times (greyed out) so reopening it brings them back. */
export function setDayClosed(day: DayForm, closed: boolean): void {
  if (closed) day.controls.sessions.disable();
  else day.controls.sessions.enable();
  day.updateValueAndValidity();
}

export function addSession(day: DayForm): void {
  const sessions = day.controls.sessions;
  if (sessions.length >= MAX_SESSIONS_PER_DAY) return;
  const last = sessions.at(sessions.length - 1)?.getRawValue();
  sessions.push(last && last.close < '22:00' ? sessionForm(later(last.close, 60), later(last.close, 240)) : sessionForm());
  day.updateValueAndValidity();
}

export function removeSession(day: DayForm, index: number): void {
  if (day.controls.sessions.length > 1) day.controls.sessions.removeAt(index);
  day.updateValueAndValidity();
}

function later(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function openingHoursValue(form: OpeningHoursForm): OpeningHours {
  return form.controls.flatMap((day) => {
    const { weekday, closed, sessions } = day.getRawValue();
    return closed ? [] : sessions.map((session) => ({ weekday, open: session.open, close: session.close }));
  });
}

/** Marks the closing-time field red when its session closes before it opens, not only when it is empty. */
export class CloseTimeErrorMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    if (!control) return false;
    const invalid = control.invalid || !!control.parent?.hasError('closeBeforeOpen');
    return invalid && (control.touched || control.dirty || !!form?.submitted);
  }
}
