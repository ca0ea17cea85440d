import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, type Type, untracked } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { catchError, forkJoin, map, of } from 'rxjs';
import { DiaryApi } from '../../diary/data/diary-api';
import { Store } from '@ngrx/store';
import type { Appointment, Patient } from '../../../../shared/api/diary';
import { APPOINTMENT_STATUS_LABELS, PATIENT_FIELD_LABELS } from '../../../../shared/diary-labels';
import { formatNhsNumber } from '../../../../shared/exam/nhs-number';
import { canUseArea } from '../../../../shared/roles';
import { authFeature } from '../../../core/auth/auth.feature';
import { AnonymiseDialog, type AnonymiseDialogData } from '../components/anonymise-dialog';
import { MergeDialog, type MergeChoice, type MergeDialogData } from '../components/merge-dialog';
import { formatDateOfBirth, fullName } from '../patient-format';
import { PatientFields } from '../patient-form/patient-fields';
import { changedFields, createPatientForm, sameValue, formValueFromPatient, type PatientFormValue, toPatientInput } from '../patient-form/patient-form.model';
import { PATIENT_SECTIONS, type PatientSection } from '../sections/patient-sections';
import { PatientPageActions } from '../state/patients.actions';
import { patientsFeature } from '../state/patients.feature';

const FIELD_LABELS: Record<keyof PatientFormValue, string> = {
  ...PATIENT_FIELD_LABELS,
  largePrint: 'Large print',
  language: 'Preferred language',
  otherNeeds: 'Other communication needs',
};

interface LoadedSection extends PatientSection {
  component: Type<unknown>;
}

@Component({
  selector: 'cd-patient-page',
  imports: [ReactiveFormsModule, RouterLink, NgComponentOutlet, MatButton, MatCard, MatCardContent, MatProgressBar, PatientFields],
  templateUrl: './patient-page.html',
  styleUrl: './patient-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  private readonly sectionRegistry = inject(PATIENT_SECTIONS);
  private readonly diaryApi = inject(DiaryApi);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly record = this.store.selectSignal(patientsFeature.selectRecord);
  protected readonly patient = this.store.selectSignal(patientsFeature.selectPatient);
  protected readonly detail = this.store.selectSignal(patientsFeature.selectDetail);
  protected readonly appointments = this.store.selectSignal(patientsFeature.selectAppointments);
  protected readonly saveBusy = this.store.selectSignal(patientsFeature.selectSaveBusy);
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly role = this.store.selectSignal(authFeature.selectRole);
  protected readonly isManager = computed(() => this.role() === 'manager');
  protected readonly canBook = computed(() => !!this.role() && canUseArea(this.role()!, 'diary'));
  protected readonly canSeeRequests = computed(() => !!this.role() && canUseArea(this.role()!, 'requests'));
  protected readonly centres = computed(() => this.user()?.centres ?? []);

  protected readonly form = createPatientForm();
  protected readonly name = computed(() => (this.patient() ? fullName(this.patient()!) : ''));
  /** Chiropractors read the details; the desk and managers edit them (the API says the same). */
  protected readonly canEdit = computed(() => this.role() === 'receptionist' || this.role() === 'manager');
  protected readonly locked = computed(() => !!this.patient()?.anonymisedAt || !!this.patient()?.mergedInto);
  /** After a 412: which of their changes came into the form, and where both people changed a field. */
  protected readonly reconcile = signal<{ taken: string[]; clashes: { label: string; theirs: string; mine: string }[] } | null>(null);
  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly formatDateOfBirth = formatDateOfBirth;

  protected readonly sections = signal<LoadedSection[]>([]);
  /** Reference, date and outcome of each linked web request, read from the requests API. */
  protected readonly requestLinks = signal<{ id: string; label: string; detail: string }[]>([]);
  protected readonly showAllPast = signal(false);
  protected readonly upcoming = computed(() => this.appointments().filter((a) => this.isFuture(a)).reverse());
  private readonly past = computed(() => this.appointments().filter((a) => !this.isFuture(a)));
  protected readonly pastShown = computed(() => (this.showAllPast() ? this.past() : this.past().slice(0, 6)));
  protected readonly pastHidden = computed(() => this.past().length - this.pastShown().length);
  /** Which copy of the record the form was last filled from. */
  private appliedKey = '';

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.dispatch(PatientPageActions.opened({ id })));
    });
    // A fresh or saved copy replaces the form's values unless the user is mid-edit.
    effect(() => {
      const patient = this.patient();
      const record = this.record();
      untracked(() => {
        if (!patient) return;
        // Mid-conflict the form holds the user's typing; it is only filled if it never was.
        if (this.appliedKey && (record.saveStatus === 'stale' || record.saveStatus === 'reloading')) return;
        const key = `${patient.id}@${patient.version}`;
        if (key === this.appliedKey) return;
        if (this.form.dirty && record.saveStatus !== 'saved' && record.actionStatus !== 'done') return;
        this.appliedKey = key;
        this.form.reset(formValueFromPatient(patient));
        if (this.locked() || !this.canEdit()) this.form.disable(); else this.form.enable();
      });
    });
    // After a 412: their changes to fields the user left alone come into the form; only fields
    // both people changed need a decision, and the user's typing stays in the form for those.
    effect(() => {
      const latest = this.record().latest;
      untracked(() => {
        const original = this.patient();
        if (!latest || !original) return this.reconcile.set(null);
        const start = formValueFromPatient(original);
        const theirs = formValueFromPatient(latest);
        const mine = this.form.getRawValue();
        const taken: string[] = [];
        const clashes: { label: string; theirs: string; mine: string }[] = [];
        for (const key of changedFields(start, theirs)) {
          const control = this.form.controls[key] as unknown as { setValue(v: unknown): void; markAsDirty(): void };
          if (!sameValue(mine[key], start[key])) {
            if (!sameValue(mine[key], theirs[key])) {
              clashes.push({ label: FIELD_LABELS[key], theirs: this.shown(key, theirs[key]), mine: this.shown(key, mine[key]) });
            }
          } else {
            control.setValue(theirs[key]);
            control.markAsDirty();
            taken.push(FIELD_LABELS[key]);
          }
        }
        this.reconcile.set({ taken, clashes });
      });
    });
    effect(() => {
      const ids = this.detail()?.requestIds ?? [];
      const allowed = this.canSeeRequests();
      untracked(() => {
        if (!allowed || !ids.length) return this.requestLinks.set([]);
        forkJoin(ids.slice(0, 10).map((id) => this.diaryApi.request(id).pipe(
          map((r) => ({
            id,
            label: `${r.reference}`,
            detail: `${r.kind === 'callback' ? 'Callback' : 'Appointment'} request, ${new Date(r.receivedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}${r.outcome ? ` · ${r.outcome.replace(/-/g, ' ')}` : ''}`,
          })),
          catchError(() => of({ id, label: 'Web request', detail: '' })),
        ))).subscribe((links) => this.requestLinks.set(links));
      });
    });
    effect(() => {
      const role = this.role();
      const wanted = [...this.sectionRegistry]
        .filter((s) => !s.roles || (role && s.roles.includes(role)))
        .sort((a, b) => a.order - b.order);
      void Promise.all(wanted.map(async (s) => ({ ...s, component: await s.load() }))).then((loaded) => this.sections.set(loaded));
    });
  }

  /** In-page links: the router would otherwise treat '#id' as navigation. */
  protected jump(event: Event, id: string): void {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target?.querySelector<HTMLElement>('h2')?.focus();
  }

  private shown(key: keyof PatientFormValue, value: string | boolean): string {
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    if (key === 'centreId') return this.centreName(value) || value;
    return value || '(empty)';
  }

  protected nhs(value: string | null): string {
    return value ? (formatNhsNumber(value) ?? value) : 'not recorded';
  }

  protected centreName(id: string): string {
    return this.centres().find((c) => c.id === id)?.name ?? '';
  }

  private timeZone(centreId: string): string {
    return this.centres().find((c) => c.id === centreId)?.timeZone ?? 'Europe/London';
  }

  protected when(appointment: Appointment): string {
    return new Date(appointment.start).toLocaleString('en-GB', {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone: this.timeZone(appointment.centreId),
    });
  }

  protected isFuture(appointment: Appointment): boolean {
    return appointment.status === 'booked' && new Date(appointment.end).getTime() > Date.now();
  }

  protected save(): void {
    const patient = this.patient();
    if (!patient) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    // After a 412 the user's typing is saved on top of the fresh copy they have now seen.
    const version = this.record().latest?.version ?? patient.version;
    this.store.dispatch(PatientPageActions.saveSubmitted({ id: patient.id, version, input: toPatientInput(this.form.getRawValue()) }));
  }

  protected discard(): void {
    const patient = this.patient();
    if (patient) this.form.reset(formValueFromPatient(patient));
  }

  protected hasEdits(): boolean {
    return this.form.dirty;
  }

  protected showTheirs(): void {
    this.store.dispatch(PatientPageActions.reloadLatestClicked({ id: this.id() }));
  }

  protected useTheirs(latest: Patient): void {
    this.form.reset(formValueFromPatient(latest));
    this.store.dispatch(PatientPageActions.latestAccepted({ patient: latest }));
  }

  protected async book(): Promise<void> {
    const patient = this.patient();
    if (!patient) return;
    const { BookingDialog } = await import('../../diary/booking/booking-dialog');
    this.dialog
      .open(BookingDialog, { data: { patientId: patient.id, centreId: patient.centreId }, width: '920px', maxWidth: '96vw' })
      .afterClosed()
      .subscribe((appointment) => {
        if (appointment) this.store.dispatch(PatientPageActions.opened({ id: patient.id }));
      });
  }

  protected merge(): void {
    const patient = this.patient();
    if (!patient) return;
    this.dialog
      .open<MergeDialog, MergeDialogData, MergeChoice>(MergeDialog, { data: { survivor: patient }, width: '720px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((choice) => {
        if (choice) this.store.dispatch(PatientPageActions.mergeConfirmed({ id: patient.id, version: patient.version, ...choice }));
      });
  }

  protected exportJson(): void {
    this.store.dispatch(PatientPageActions.exportClicked({ id: this.id() }));
  }

  protected anonymise(): void {
    const patient = this.patient();
    if (!patient) return;
    this.dialog
      .open<AnonymiseDialog, AnonymiseDialogData, string>(AnonymiseDialog, { data: { patient }, width: '600px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.store.dispatch(PatientPageActions.anonymiseConfirmed({ id: patient.id, version: patient.version, reason }));
      });
  }
}
