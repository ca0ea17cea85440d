import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import type { Appointment } from '../../../../shared/api/diary';
import { APPOINTMENT_STATUS_LABELS } from '../../../../shared/diary-labels';
import type { ClinicianColumn, DayRange } from '../state/diary.feature';
import { minutesInDay, timeIn } from '../time';

export type AppointmentAction = 'attended' | 'did-not-attend' | 'move' | 'cancel';

export interface AppointmentActionEvent {
  action: AppointmentAction;
  appointment: Appointment;
}

/** Fixed scale: 20 minutes is 40 px, enough for two lines of text. */
export const PX_PER_MINUTE = 2;

interface PlacedAppointment {
  appointment: Appointment;
  top: number;
  height: number;
  time: string;
  label: string;
}

/**
 * One day of one centre: a column per clinician, appointments placed on a shared time axis by
 * their start and end. Each appointment is a button opening a menu of what can be done with it.
 */
@Component({
  selector: 'cd-day-grid',
  imports: [MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger, RouterLink],
  templateUrl: './day-grid.html',
  styleUrl: './day-grid.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DayGrid {
  readonly columns = input.required<readonly ClinicianColumn[]>();
  readonly range = input.required<DayRange>();
  readonly timeZone = input.required<string>();
  readonly pendingIds = input<readonly string[]>([]);
  /** Minutes after midnight now, when the day shown is today; draws the "now" line. */
  readonly nowMinutes = input<number | null>(null);
  /** Attendance is marked on the day or after, never ahead (the server refuses it too). */
  readonly canMarkAttendance = input(true);
  readonly actionChosen = output<AppointmentActionEvent>();

  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly height = computed(() => (this.range().to - this.range().from) * PX_PER_MINUTE);
  protected readonly hours = computed(() => {
    const { from, to } = this.range();
    const hours: { label: string; top: number }[] = [];
    for (let m = from; m < to; m += 60) hours.push({ label: `${String(m / 60).padStart(2, '0')}:00`, top: (m - from) * PX_PER_MINUTE });
    return hours;
  });
  protected readonly nowTop = computed(() => {
    const now = this.nowMinutes();
    const { from, to } = this.range();
    return now !== null && now >= from && now <= to ? (now - from) * PX_PER_MINUTE : null;
  });
  protected readonly placed = computed(() =>
    this.columns().map((column) => ({
      clinician: column.clinician,
      appointments: column.appointments.map((a) => this.place(a)),
    })));

  private place(appointment: Appointment): PlacedAppointment {
    const zone = this.timeZone();
    const start = minutesInDay(appointment.start, zone);
    let end = minutesInDay(appointment.end, zone);
    if (end <= start) end = 24 * 60;
    const time = `${timeIn(appointment.start, zone)}–${timeIn(appointment.end, zone)}`;
    return {
      appointment,
      top: (start - this.range().from) * PX_PER_MINUTE,
      height: Math.max((end - start) * PX_PER_MINUTE - 2, 24),
      time,
      label: `${time}, ${appointment.patientName}, ${appointment.typeName}, ${APPOINTMENT_STATUS_LABELS[appointment.status]}. Open actions`,
    };
  }

  protected choose(action: AppointmentAction, appointment: Appointment): void {
    this.actionChosen.emit({ action, appointment });
  }

  protected isPending(id: string): boolean {
    return this.pendingIds().includes(id);
  }
}
