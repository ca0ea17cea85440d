import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { debounceTime, merge, startWith, Subject, switchMap, tap } from 'rxjs';
import type { Appointment, Clinician, Slot } from '../../../../shared/api/diary';
import { DIARY_ERROR_LABELS } from '../../../../shared/diary-labels';
import { apiError } from '../../../core/http-error';
import { createSlotFilters, SlotFilters } from '../components/slot-filters';
import { SlotList, slotKey } from '../components/slot-list';
import { DiaryApi } from '../data/diary-api';
import { searchSlots, stillOffered } from '../data/slot-search';
import { dayIn, longDay, timeIn, todayIn } from '../time';

export interface MoveDialogData {
  appointment: Appointment;
  timeZone: string;
}

/** Moves a booked appointment to another free slot; closes with the moved Appointment. */
@Component({
  selector: 'cd-move-dialog',
  imports: [
    ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatFormField, MatLabel, MatSelect,
    MatOption, MatProgressBar, SlotFilters, SlotList,
  ],
  templateUrl: './move-dialog.html',
  styleUrl: './booking-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoveDialog {
  private readonly api = inject(DiaryApi);
  private readonly dialogRef = inject<MatDialogRef<MoveDialog, Appointment>>(MatDialogRef);
  private readonly data = inject<MoveDialogData>(MAT_DIALOG_DATA);
  protected readonly timeZone = this.data.timeZone;
  protected readonly appointment = signal(this.data.appointment);

  protected readonly clinicianControl = new FormControl(this.data.appointment.clinicianId, { nonNullable: true });
  protected readonly filters = createSlotFilters({ from: todayIn(this.data.timeZone) });
  protected readonly clinicians = signal<Clinician[]>([]);
  protected readonly slots = signal<Slot[]>([]);
  protected readonly slotsStatus = signal<'loading' | 'loaded' | 'failed'>('loading');
  protected readonly selected = signal<Slot | null>(null);
  protected readonly selectedKey = computed(() => (this.selected() ? slotKey(this.selected()!) : null));
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected readonly current = computed(() => {
    const a = this.appointment();
    return `${longDay(dayIn(a.start, this.timeZone))} at ${timeIn(a.start, this.timeZone)} with ${a.clinicianName}`;
  });
  protected readonly summary = computed(() => {
    const slot = this.selected();
    return slot ? `Move to ${longDay(dayIn(slot.start, this.timeZone))} at ${timeIn(slot.start, this.timeZone)} with ${slot.clinicianName}` : null;
  });
  private readonly refresh = new Subject<void>();

  constructor() {
    this.api.clinicians(this.data.appointment.centreId).pipe(takeUntilDestroyed()).subscribe({
      next: (clinicians) => this.clinicians.set(clinicians),
      error: () => this.clinicians.set([]),
    });
    merge(this.clinicianControl.valueChanges, this.filters.valueChanges, this.refresh)
      .pipe(
        startWith(null),
        debounceTime(200),
        tap(() => this.slotsStatus.set('loading')),
        switchMap(() => {
          const a = this.appointment();
          return searchSlots(this.api, { centreId: a.centreId, typeId: a.typeId, clinicianId: this.clinicianControl.value }, this.filters.getRawValue());
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ slots, error }) => {
        this.slots.set(slots);
        this.slotsStatus.set(error ? 'failed' : 'loaded');
        if (error) this.problem.set(error);
        this.selected.set(stillOffered(this.selected(), slots, slotKey));
      });
  }

  protected chooseSlot(slot: Slot): void {
    this.selected.set(slot);
    this.problem.set(null);
  }

  protected move(): void {
    const slot = this.selected();
    if (!slot) return;
    this.busy.set(true);
    this.problem.set(null);
    this.api.move(this.appointment(), { start: slot.start, clinicianId: slot.clinicianId }).subscribe({
      next: (moved) => this.dialogRef.close(moved),
      error: (err: unknown) => {
        const e = apiError(err);
        this.busy.set(false);
        if (e.status === 409 && e.code === 'slot_taken') {
          this.selected.set(null);
          this.problem.set(DIARY_ERROR_LABELS['slot_taken'] ?? e.message);
          this.refresh.next();
        } else if (e.status === 412) {
          // Someone else changed it: show them the latest before they decide again.
          this.api.appointment(this.appointment().id).subscribe((latest) => {
            this.appointment.set(latest);
            this.problem.set(
              latest.status === 'booked'
                ? 'Someone else changed this appointment a moment ago. It is now shown above; choose the new time again.'
                : 'Someone else changed this appointment a moment ago and it can no longer be moved.',
            );
          });
        } else {
          this.problem.set(DIARY_ERROR_LABELS[e.code] ?? e.message);
        }
      },
    });
  }
}
