import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { forkJoin, catchError, of } from 'rxjs';
import type { Appointment, Clinician } from '../../../../shared/api/diary';
import { APPOINTMENT_STATUS_LABELS } from '../../../../shared/diary-labels';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { DiaryApi } from '../data/diary-api';
import { TodayPageActions } from '../state/diary.actions';
import { todayFeature } from '../state/today.feature';
import { DEFAULT_TIME_ZONE, longDay, timeIn } from '../time';

/** The chiropractor's day: their appointments in time order, each linked to the patient's record. */
@Component({
  selector: 'cd-today-page',
  imports: [RouterLink, MatButton, MatIconButton, MatTooltip, MatFormField, MatLabel, MatSelect, MatOption, MatProgressBar, MatMenu, MatMenuItem, MatMenuTrigger],
  templateUrl: './today-page.html',
  styleUrl: './today-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TodayPage {
  private readonly store = inject(Store);
  private readonly api = inject(DiaryApi);

  private readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly pickedCentre = this.store.selectSignal(centreFeature.selectSelected);
  protected readonly isManager = computed(() => this.user()?.role === 'manager');
  protected readonly appointments = this.store.selectSignal(todayFeature.selectTodayAppointments);
  protected readonly date = this.store.selectSignal(todayFeature.selectDate);
  protected readonly status = this.store.selectSignal(todayFeature.selectStatus);
  protected readonly error = this.store.selectSignal(todayFeature.selectError);
  protected readonly pendingIds = this.store.selectSignal(todayFeature.selectPendingIds);
  protected readonly clinicianId = this.store.selectSignal(todayFeature.selectClinicianId);
  /** Managers choose whose day to look at. */
  protected readonly clinicians = signal<Clinician[]>([]);
  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly dayLabel = computed(() => (this.date() ? longDay(this.date()!) : ''));
  protected readonly remaining = computed(() => this.appointments().filter((a) => a.status === 'booked').length);
  private readonly clock = signal(Date.now());
  /** The appointment happening now, or the next one: highlighted so it is found at a glance. */
  protected readonly currentId = computed(() => {
    const now = this.clock();
    const list = this.appointments().filter((a) => a.status !== 'cancelled');
    return (list.find((a) => new Date(a.end).getTime() > now) ?? null)?.id ?? null;
  });

  constructor() {
    const manager = untracked(() => this.isManager());
    this.store.dispatch(TodayPageActions.opened({ clinicianId: manager ? untracked(() => this.clinicianId()) : null }));
    if (manager) {
      effect(() => {
        const user = this.user();
        const picked = this.pickedCentre();
        const centreIds = picked === 'all' ? (user?.centres ?? []).map((c) => c.id) : [picked];
        untracked(() =>
          forkJoin(centreIds.map((id) => this.api.clinicians(id).pipe(catchError(() => of([] as Clinician[]))))).subscribe((lists) => {
            const byId = new Map(lists.flat().map((c) => [c.id, c]));
            const all = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
            this.clinicians.set(all);
            if (!this.clinicianId() && all[0]) this.chooseClinician(all[0].id);
          }));
      });
    }
    const ticker = setInterval(() => this.clock.set(Date.now()), 60_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      this.store.dispatch(TodayPageActions.closed());
    });
  }

  private timeZone(a: Appointment): string {
    return this.user()?.centres.find((c) => c.id === a.centreId)?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  protected time(a: Appointment): string {
    return timeIn(a.start, this.timeZone(a));
  }

  protected endTime(a: Appointment): string {
    return timeIn(a.end, this.timeZone(a));
  }

  protected centreName(id: string): string {
    return this.user()?.centres.find((c) => c.id === id)?.name ?? '';
  }

  protected showCentre(): boolean {
    return new Set(this.appointments().map((a) => a.centreId)).size > 1;
  }

  protected chooseClinician(clinicianId: string): void {
    this.store.dispatch(TodayPageActions.clinicianChanged({ clinicianId }));
  }

  protected refresh(): void {
    this.store.dispatch(TodayPageActions.refreshClicked());
  }

  protected attended(appointment: Appointment): void {
    this.store.dispatch(TodayPageActions.attendedClicked({ appointment }));
  }

  protected didNotAttend(appointment: Appointment): void {
    this.store.dispatch(TodayPageActions.didNotAttendClicked({ appointment }));
  }
}
