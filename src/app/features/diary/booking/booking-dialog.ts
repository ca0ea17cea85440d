import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA, MatDialog, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { Store } from '@ngrx/store';
import { catchError, debounceTime, distinctUntilChanged, filter, map, merge, of, startWith, Subject, switchMap, tap } from 'rxjs';
import type { Appointment, AppointmentType, Clinician, Patient, PatientSummary, Slot } from '../../../../shared/api/diary';
import type { PatientMatch, RequestDetail } from '../../../../shared/api/requests';
import { DIARY_ERROR_LABELS } from '../../../../shared/diary-labels';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { apiError } from '../../../core/http-error';
import { PatientsApi } from '../../patients/data/patients-api';
import { PatientFormDialog, type PatientFormDialogData } from '../../patients/patient-form/patient-form-dialog';
import { formatDateOfBirth } from '../../patients/patient-format';
import { createSlotFilters, SlotFilters, toTimeOfDay, toWeekdayNumbers } from '../components/slot-filters';
import { SlotList, slotKey } from '../components/slot-list';
import { DiaryApi } from '../data/diary-api';
import { searchSlots, stillOffered } from '../data/slot-search';
import { DEFAULT_TIME_ZONE, longDay, dayIn, timeIn, todayIn } from '../time';

/** How the requests queue, the diary and the patient page open the booking dialog. */
export interface BookingDialogData {
  requestId?: string;
  patientId?: string;
  centreId?: string;
  typeId?: string;
  /** 'mon'…'sun' as web requests carry them (weekday numbers are accepted too). */
  preferredDays?: string[];
  /** 'morning' | 'afternoon' | 'evening' | 'any'. */
  preferredTimeOfDay?: string;
}

interface ChosenPatient {
  id: string;
  name: string;
  detail: string;
}

/** How many free slots to offer at once; "Show later slots" moves the window on. */

/**
 * Books an appointment: centre, type, optional clinician, the patient, then a free slot. Talks to
 * the API itself because a 409 (someone took the slot a moment ago) must be handled right here:
 * it explains and shows fresh slots. Closes with the created Appointment, or undefined.
 */
@Component({
  selector: 'cd-booking-dialog',
  imports: [
    ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatFormField, MatLabel, MatHint,
    MatInput, MatSelect, MatOption, MatProgressBar, SlotFilters, SlotList,
  ],
  templateUrl: './booking-dialog.html',
  styleUrl: './booking-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingDialog {
  private readonly api = inject(DiaryApi);
  private readonly patientsApi = inject(PatientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly dialogRef = inject<MatDialogRef<BookingDialog, Appointment>>(MatDialogRef);
  private readonly store = inject(Store);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<BookingDialogData | null>(MAT_DIALOG_DATA, { optional: true }) ?? {};

  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly centres = computed(() => this.user()?.centres ?? []);
  private readonly pickedCentre = this.store.selectSignal(centreFeature.selectSelected);

  protected readonly form = new FormGroup({
    centreId: new FormControl(this.initialCentre(), { nonNullable: true, validators: [Validators.required] }),
    typeId: new FormControl(this.data.typeId ?? '', { nonNullable: true, validators: [Validators.required] }),
    /** '' = any chiropractor at the centre. */
    clinicianId: new FormControl('', { nonNullable: true }),
  });
  protected readonly filters = createSlotFilters({
    days: toWeekdayNumbers(this.data.preferredDays),
    timeOfDay: toTimeOfDay(this.data.preferredTimeOfDay),
    from: todayIn(DEFAULT_TIME_ZONE),
  });
  protected readonly patientSearch = new FormControl('', { nonNullable: true });

  protected readonly types = signal<AppointmentType[]>([]);
  protected readonly clinicians = signal<Clinician[]>([]);
  protected readonly request = signal<RequestDetail | null>(null);
  protected readonly patient = signal<ChosenPatient | null>(null);
  protected readonly patientResults = signal<PatientSummary[]>([]);
  protected readonly searchingPatients = signal(false);
  protected readonly slots = signal<Slot[]>([]);
  protected readonly slotsStatus = signal<'idle' | 'loading' | 'loaded' | 'failed'>('idle');
  protected readonly selected = signal<Slot | null>(null);
  protected readonly selectedKey = computed(() => (this.selected() ? slotKey(this.selected()!) : null));
  protected readonly busy = signal(false);
  /** Why the last attempt did not book; shown above the slots. */
  protected readonly problem = signal<string | null>(null);
  /** Set after a 409: the list below is fresh. */
  protected readonly refreshedAfterConflict = signal(false);

  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), { initialValue: this.form.getRawValue() });
  protected readonly timeZone = computed(() => this.centres().find((c) => c.id === this.formValue().centreId)?.timeZone ?? DEFAULT_TIME_ZONE);
  protected readonly chosenType = computed(() => this.types().find((t) => t.id === this.formValue().typeId) ?? null);
  protected readonly requestMatches = computed<PatientMatch[]>(() => this.request()?.matches.patients ?? []);
  protected readonly canBook = computed(() => !!this.patient() && !!this.selected() && !this.busy());
  protected readonly summary = computed(() => {
    const slot = this.selected();
    if (!slot) return null;
    const zone = this.timeZone();
    return `${longDay(dayIn(slot.start, zone))} at ${timeIn(slot.start, zone)} with ${slot.clinicianName}`;
  });

  private readonly refreshSlots = new Subject<void>();

  constructor() {
    this.api.appointmentTypes().pipe(takeUntilDestroyed()).subscribe({
      next: (types) => {
        const active = types.filter((t) => t.active);
        this.types.set(active);
        if (!this.form.controls.typeId.value) {
          const wantsNew = this.request()?.preferences.newPatient ?? !this.data.patientId;
          const preferred = active.find((t) => t.newPatient === wantsNew) ?? active[0];
          if (preferred) this.form.controls.typeId.setValue(preferred.id);
        }
      },
      error: (err: unknown) => this.problem.set(apiError(err).message),
    });

    this.form.controls.centreId.valueChanges
      .pipe(
        startWith(this.form.controls.centreId.value),
        filter((id) => !!id),
        distinctUntilChanged(),
        tap(() => this.form.controls.clinicianId.setValue('', { emitEvent: false })),
        switchMap((centreId) => this.api.clinicians(centreId).pipe(catchError(() => of([] as Clinician[])))),
        takeUntilDestroyed(),
      )
      .subscribe((clinicians) => this.clinicians.set(clinicians));

    if (this.data.patientId) this.loadPatient(this.data.patientId);
    if (this.data.requestId) this.loadRequest(this.data.requestId);

    this.patientSearch.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        tap((q) => this.searchingPatients.set(q.length >= 2)),
        switchMap((q) => (q.length < 2 ? of([]) : this.patientsApi.search({ q, limit: 8 }).pipe(map((p) => p.items), catchError(() => of([]))))),
        takeUntilDestroyed(),
      )
      .subscribe((items) => {
        this.searchingPatients.set(false);
        this.patientResults.set(items);
      });

    merge(this.form.valueChanges, this.filters.valueChanges, this.refreshSlots)
      .pipe(
        startWith(null),
        debounceTime(200),
        map(() => ({ ...this.form.getRawValue(), ...this.filters.getRawValue() })),
        filter((q) => !!q.centreId && !!q.typeId),
        tap(() => this.slotsStatus.set('loading')),
        switchMap((q) => searchSlots(this.api, q, q)),
        takeUntilDestroyed(),
      )
      .subscribe(({ slots, error }) => {
        this.slots.set(slots);
        this.slotsStatus.set(error ? 'failed' : 'loaded');
        if (error) this.problem.set(error);
        this.selected.set(stillOffered(this.selected(), slots, slotKey));
      });
  }

  private initialCentre(): string {
    if (this.data.centreId) return this.data.centreId;
    const picked = this.pickedCentre();
    if (picked && picked !== 'all') return picked;
    const centres = this.user()?.centres ?? [];
    return centres.length === 1 ? centres[0]!.id : '';
  }

  private loadPatient(id: string): void {
    this.patientsApi.get(id).pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: ({ patient }) => this.choosePatient(patient),
      error: (err: unknown) => this.problem.set(apiError(err).message),
    });
  }

  private loadRequest(id: string): void {
    this.api.request(id).pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (request) => {
        this.request.set(request);
        if (!this.data.centreId && request.centre) this.form.controls.centreId.setValue(request.centre.id);
        if (!this.data.preferredDays?.length && request.preferences.preferredDays.length) {
          this.filters.controls.days.setValue(toWeekdayNumbers(request.preferences.preferredDays));
        }
        if (!this.data.preferredTimeOfDay && request.preferences.preferredTimeOfDay) {
          this.filters.controls.timeOfDay.setValue(toTimeOfDay(request.preferences.preferredTimeOfDay));
        }
        if (request.preferences.newPatient !== null && !this.data.typeId) {
          const type = this.types().find((t) => t.newPatient === request.preferences.newPatient);
          if (type) this.form.controls.typeId.setValue(type.id);
        }
        if (!this.patient() && !this.data.patientId) {
          if (request.patientId) this.loadPatient(request.patientId);
          else this.patientSearch.setValue(request.name);
        }
      },
      error: (err: unknown) => this.problem.set(apiError(err).message),
    });
  }

  protected choosePatient(p: Pick<Patient, 'id' | 'givenName' | 'familyName' | 'dateOfBirth' | 'phone'>): void {
    this.patient.set({
      id: p.id,
      name: `${p.givenName} ${p.familyName}`,
      detail: [`born ${formatDateOfBirth(p.dateOfBirth)}`, p.phone].filter(Boolean).join(' · '),
    });
  }

  protected chooseMatch(match: PatientMatch): void {
    this.patient.set({ id: match.id, name: match.name, detail: [match.dateOfBirth ? `born ${formatDateOfBirth(match.dateOfBirth)}` : '', match.phone ?? ''].filter(Boolean).join(' · ') });
  }

  protected changePatient(): void {
    this.patient.set(null);
  }

  protected newPatient(): void {
    const request = this.request();
    const typed = this.patientSearch.value.trim();
    const name = request?.name ?? (/\d/.test(typed) ? '' : typed);
    const [givenName, ...rest] = name.split(/\s+/).filter(Boolean);
    const prefill: PatientFormDialogData = {
      givenName: givenName ?? '',
      familyName: rest.join(' '),
      phone: request?.phone ?? '',
      email: request?.email ?? '',
      centreId: this.form.controls.centreId.value || undefined,
    };
    this.dialog
      .open<PatientFormDialog, PatientFormDialogData, Patient>(PatientFormDialog, { data: prefill, width: '760px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((created) => {
        if (created) this.choosePatient(created);
      });
  }

  protected chooseSlot(slot: Slot): void {
    this.selected.set(slot);
    this.problem.set(null);
    this.refreshedAfterConflict.set(false);
  }

  protected laterSlots(): void {
    const last = this.slots().at(-1);
    if (last) this.filters.controls.from.setValue(dayIn(last.start, this.timeZone()));
  }

  protected book(): void {
    const slot = this.selected();
    const patient = this.patient();
    if (!slot || !patient) return;
    const { centreId, typeId } = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.api
      .book({ centreId, typeId, clinicianId: slot.clinicianId, patientId: patient.id, start: slot.start, ...(this.data.requestId ? { requestId: this.data.requestId } : {}) })
      .subscribe({
        next: (appointment) => this.dialogRef.close(appointment),
        error: (err: unknown) => {
          const e = apiError(err);
          this.busy.set(false);
          if (e.status === 409 && e.code === 'slot_taken') {
            this.selected.set(null);
            this.refreshedAfterConflict.set(true);
            this.problem.set(DIARY_ERROR_LABELS['slot_taken'] ?? e.message);
            this.refreshSlots.next();
          } else {
            this.problem.set(DIARY_ERROR_LABELS[e.code] ?? e.message);
          }
        },
      });
  }
}
