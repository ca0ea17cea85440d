import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDatepicker, MatDatepickerInput, MatDatepickerToggle } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { Appointment } from '../../../../shared/api/diary';
import { APPOINTMENT_STATUS_LABELS } from '../../../../shared/diary-labels';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { BookingDialog, type BookingDialogData } from '../booking/booking-dialog';
import { CancelDialog, type CancelDialogData } from '../booking/cancel-dialog';
import { MoveDialog, type MoveDialogData } from '../booking/move-dialog';
import { type AppointmentActionEvent, DayGrid } from '../components/day-grid';
import { DiaryPageActions } from '../state/diary.actions';
import { dayRange, diaryFeature } from '../state/diary.feature';
import {
  addDays, DEFAULT_TIME_ZONE, dateToIso, isIsoDate, isoToDate, longDay, minutesInDay, timeIn, todayIn,
} from '../time';
import { provideUkDateAdapter } from '../uk-date-adapter';

@Component({
  selector: 'cd-diary-page',
  imports: [
    RouterLink, MatButton, MatIconButton, MatTooltip, MatFormField, MatLabel, MatSuffix, MatInput, MatSelect, MatOption, MatProgressBar,
    MatDatepicker, MatDatepickerInput, MatDatepickerToggle, DayGrid,
  ],
  providers: [provideUkDateAdapter()],
  templateUrl: './diary-page.html',
  styleUrl: './diary-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiaryPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** Query parameters: ?date=2026-11-26 opens that day; ?book=<requestId> opens the booking dialog. */
  readonly date = input<string | undefined>();
  readonly book = input<string | undefined>();

  private readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly pickedCentre = this.store.selectSignal(centreFeature.selectSelected);
  protected readonly centres = computed(() => this.user()?.centres ?? []);
  /** With "All my centres" in the toolbar, the diary still shows one centre: chosen here. */
  protected readonly localCentre = signal<string | null>(null);
  protected readonly needsCentreChoice = computed(() => this.pickedCentre() === 'all');
  protected readonly centreId = computed(() => {
    const picked = this.pickedCentre();
    if (picked !== 'all') return picked;
    return this.localCentre() ?? this.centres()[0]?.id ?? null;
  });
  protected readonly timeZone = computed(() => this.centres().find((c) => c.id === this.centreId())?.timeZone ?? DEFAULT_TIME_ZONE);

  protected readonly shownDate = this.store.selectSignal(diaryFeature.selectDate);
  protected readonly status = this.store.selectSignal(diaryFeature.selectStatus);
  protected readonly error = this.store.selectSignal(diaryFeature.selectError);
  protected readonly columns = this.store.selectSignal(diaryFeature.selectColumns);
  protected readonly active = this.store.selectSignal(diaryFeature.selectActiveAppointments);
  protected readonly cancelled = this.store.selectSignal(diaryFeature.selectCancelled);
  protected readonly pendingIds = this.store.selectSignal(diaryFeature.selectPendingIds);
  protected readonly range = computed(() => dayRange(this.active(), this.timeZone()));
  protected readonly isToday = computed(() => this.shownDate() === todayIn(this.timeZone()));
  protected readonly notFuture = computed(() => this.shownDate() <= todayIn(this.timeZone()));
  protected readonly dayLabel = computed(() => (this.shownDate() ? longDay(this.shownDate()) : ''));
  protected readonly pickerDate = computed(() => (this.shownDate() ? isoToDate(this.shownDate()) : null));
  private readonly clock = signal(Date.now());
  protected readonly nowMinutes = computed(() => {
    this.clock();
    return this.isToday() ? minutesInDay(new Date().toISOString(), this.timeZone()) : null;
  });
  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly bookedCount = computed(() => this.active().length);

  constructor() {
    let opened = false;
    effect(() => {
      const centreId = this.centreId();
      const timeZone = this.timeZone();
      untracked(() => {
        if (!opened) {
          opened = true;
          const wanted = this.date();
          const date = isIsoDate(wanted) ? wanted : todayIn(timeZone);
          this.store.dispatch(DiaryPageActions.opened({ centreId, timeZone, date }));
        } else if (centreId) {
          this.store.dispatch(DiaryPageActions.centreChanged({ centreId, timeZone }));
        }
      });
    });
    effect(() => {
      const requestId = this.book();
      if (requestId) untracked(() => this.openBooking({ requestId }, true));
    });
    const ticker = setInterval(() => this.clock.set(Date.now()), 60_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      this.store.dispatch(DiaryPageActions.closed());
    });
  }

  protected chooseCentre(centreId: string): void {
    this.localCentre.set(centreId);
  }

  protected goTo(date: string): void {
    this.store.dispatch(DiaryPageActions.dateChanged({ date }));
    void this.router.navigate([], { queryParams: { date }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected previousDay(): void {
    this.goTo(addDays(this.shownDate(), -1));
  }

  protected nextDay(): void {
    this.goTo(addDays(this.shownDate(), 1));
  }

  protected today(): void {
    this.goTo(todayIn(this.timeZone()));
  }

  protected picked(date: Date | null): void {
    if (date) this.goTo(dateToIso(date));
  }

  protected refresh(): void {
    this.store.dispatch(DiaryPageActions.refreshClicked());
  }

  protected time(iso: string): string {
    return timeIn(iso, this.timeZone());
  }

  protected openBooking(data: BookingDialogData = {}, fromLink = false): void {
    const centreId = this.centreId();
    this.dialog
      .open<BookingDialog, BookingDialogData, Appointment>(BookingDialog, {
        // A request names its own centre; otherwise book at the centre on screen.
        data: data.requestId ? data : { centreId: centreId ?? undefined, ...data },
        width: '960px',
        maxWidth: '96vw',
        autoFocus: 'dialog',
      })
      .afterClosed()
      .subscribe((appointment) => {
        if (fromLink) void this.router.navigate([], { queryParams: { book: null }, queryParamsHandling: 'merge', replaceUrl: true });
        if (!appointment) return;
        this.store.dispatch(DiaryPageActions.appointmentSaved({ appointment }));
        const ref = this.snackBar.open(
          `Booked ${appointment.patientName}: ${longDay(todayIn(this.timeZone(), new Date(appointment.start)))} at ${this.time(appointment.start)}.`,
          'Show day', { duration: 8000 });
        ref.onAction().subscribe(() => this.goTo(todayIn(this.timeZone(), new Date(appointment.start))));
      });
  }

  protected onAction({ action, appointment }: AppointmentActionEvent): void {
    const timeZone = this.timeZone();
    switch (action) {
      case 'attended':
        this.store.dispatch(DiaryPageActions.attendedClicked({ appointment }));
        break;
      case 'did-not-attend':
        this.store.dispatch(DiaryPageActions.didNotAttendClicked({ appointment }));
        break;
      case 'cancel':
        this.dialog
          .open<CancelDialog, CancelDialogData, string>(CancelDialog, { data: { appointment, timeZone } })
          .afterClosed()
          .subscribe((reason) => {
            if (reason !== undefined) this.store.dispatch(DiaryPageActions.cancelConfirmed({ appointment, reason }));
          });
        break;
      case 'move':
        this.dialog
          .open<MoveDialog, MoveDialogData, Appointment>(MoveDialog, { data: { appointment, timeZone }, width: '820px', maxWidth: '96vw' })
          .afterClosed()
          .subscribe((moved) => {
            if (moved) {
              this.store.dispatch(DiaryPageActions.appointmentSaved({ appointment: moved }));
              this.snackBar.open(`Moved ${moved.patientName} to ${this.time(moved.start)}, ${longDay(todayIn(timeZone, new Date(moved.start)))}.`, 'OK', { duration: 6000 });
            }
          });
        break;
    }
  }
}
