import {
  ChangeDetectionStrategy, Component, computed, DestroyRef, effect, ElementRef, inject, input, signal, untracked, viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { AttemptInput, CloseInput, RequestDetail } from '../../../../shared/api/requests';
import {
  ATTEMPT_OUTCOME_LABELS, CLOSE_OUTCOME_LABELS, FAILED_ATTEMPT_OUTCOMES, FAILED_ATTEMPTS_BEFORE_SUGGEST_CLOSE, HISTORY_ACTION_LABELS,
  PREFERRED_TIME_LABELS, QUARANTINE_REASON_LABELS, REQUEST_KIND_LABELS, REQUEST_SOURCE_LABELS, REQUEST_STATUS_LABELS, WEEKDAY_LABELS,
} from '../../../../shared/requests-labels';
import { authFeature } from '../../../core/auth/auth.feature';
import { AttemptForm } from '../components/attempt-form';
import { ClinicTimePipe } from '../components/clinic-time.pipe';
import { CloseForm } from '../components/close-form';
import { HighlightedText } from '../components/highlighted-text';
import { MatchesPanel } from '../components/matches-panel';
import { PriorityBadge } from '../components/priority-badge';
import { ReassignForm } from '../components/reassign-form';
import { RedFlagBox } from '../components/red-flag-box';
import { RequestContactForm, type RequestContactValue } from '../components/request-contact-form';
import { readClock } from '../components/response-clock';
import { RequestDetailActions } from '../state/requests.actions';
import { requestsFeature } from '../state/requests.feature';
import { canClaim, holdActive } from '../state/hold';
import { toSummary } from '../state/to-summary';
import { CLOCK_TICK_MS } from './queue-page';

@Component({
  selector: 'cd-request-detail-page',
  imports: [
    ClinicTimePipe, RouterLink, MatButtonModule, MatProgressBarModule,
    AttemptForm, CloseForm, HighlightedText, MatchesPanel, PriorityBadge, RedFlagBox, ReassignForm, RequestContactForm,
  ],
  templateUrl: './request-detail-page.html',
  styleUrl: './request-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestDetailPage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);

  /** From the route: /requests/:id. */
  readonly id = input.required<string>();
  /** ?focus=attempt (the queue's "a" key) puts the cursor in the call log form. */
  readonly focus = input<string | undefined>();

  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly request = this.store.selectSignal(requestsFeature.selectDetail);
  protected readonly status = this.store.selectSignal(requestsFeature.selectDetailStatus);
  protected readonly loadError = this.store.selectSignal(requestsFeature.selectDetailError);
  protected readonly writeState = this.store.selectSignal(requestsFeature.selectWriteState);
  protected readonly latestChange = this.store.selectSignal(requestsFeature.selectLatestChange);
  protected readonly claiming = this.store.selectSignal(requestsFeature.selectClaiming);
  protected readonly claimErrors = this.store.selectSignal(requestsFeature.selectClaimErrors);

  protected readonly labels = {
    kind: REQUEST_KIND_LABELS, source: REQUEST_SOURCE_LABELS, status: REQUEST_STATUS_LABELS, outcome: CLOSE_OUTCOME_LABELS,
    attempt: ATTEMPT_OUTCOME_LABELS, history: HISTORY_ACTION_LABELS, time: PREFERRED_TIME_LABELS, day: WEEKDAY_LABELS,
    quarantine: QUARANTINE_REASON_LABELS,
  };

  protected readonly now = signal(Date.now());
  protected readonly isManager = computed(() => this.user()?.role === 'manager');
  protected readonly centres = computed(() => this.user()?.centres ?? []);
  /** The contact card is a form while the user corrects the details. */
  protected readonly editing = signal(false);
  protected readonly reassigning = signal(false);
  protected readonly busy = computed(() => this.writeState().status === 'saving');
  protected readonly fieldErrors = computed(() => (this.writeState().status === 'failed' ? this.writeState().error?.fields ?? {} : {}));
  protected readonly holdLive = computed(() => !!this.request() && holdActive(this.request()!, this.now()));
  protected readonly heldByMe = computed(() => this.holdLive() && this.request()!.holder!.id === this.user()?.id);
  protected readonly claimable = computed(() => !!this.request() && canClaim(this.request()!, this.now()));
  /** Booked in the diary dialog but not yet closed (say the close met a 412): offer "Booked" with it. */
  protected readonly bookedAppointmentId = signal<string | null>(null);
  protected readonly isClaiming = computed(() => !!this.request() && !!this.claiming()[this.request()!.id]);
  protected readonly claimError = computed(() => (this.request() ? this.claimErrors()[this.request()!.id] ?? null : null));
  protected readonly clock = computed(() => {
    const r = this.request();
    return r && r.status !== 'closed' ? readClock(r.dueAt, this.now()) : null;
  });
  /** Failed calls since the patient was last reached (a conversation starts the count again, as on the server). */
  protected readonly failedAttempts = computed(() => {
    const byTime = [...(this.request()?.attempts ?? [])].sort((a, b) => a.at.localeCompare(b.at));
    let count = 0;
    for (const attempt of byTime) count = FAILED_ATTEMPT_OUTCOMES.includes(attempt.outcome) ? count + 1 : 0;
    return count;
  });
  protected readonly suggestClose = computed(() => {
    const r = this.request();
    return !!r && r.status !== 'closed' && (r.suggestClose || this.failedAttempts() >= FAILED_ATTEMPTS_BEFORE_SUGGEST_CLOSE);
  });
  protected readonly actionableFlags = computed(() => (this.request()?.redFlags ?? []).filter((f) => f.level !== 'gp'));
  protected readonly messageRanges = computed(() => (this.request()?.redFlags ?? []).filter((f) => f.start >= 0));
  protected readonly preferredDays = computed(() =>
    (this.request()?.preferences.preferredDays ?? []).map((d) => WEEKDAY_LABELS[d]).join(', '));
  protected readonly history = computed(() => [...(this.request()?.history ?? [])].sort((a, b) => b.at.localeCompare(a.at)));
  protected readonly attempts = computed(() => [...(this.request()?.attempts ?? [])].sort((a, b) => b.at.localeCompare(a.at)));

  private readonly attemptForm = viewChild(AttemptForm);
  private readonly writeProblem = viewChild<ElementRef<HTMLElement>>('writeProblem');
  private readonly closeForm = viewChild(CloseForm);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.editing.set(false);
        this.reassigning.set(false);
        this.store.dispatch(RequestDetailActions.opened({ id }));
      });
    });
    // A saved write clears the form that sent it; a failed or stale one keeps what the user typed.
    effect(() => {
      const write = this.writeState();
      if (write.status !== 'saved') return;
      untracked(() => {
        if (write.write === 'attempt') this.attemptForm()?.reset();
        if (write.write === 'close') this.closeForm()?.reset();
        if (write.write === 'edit') this.editing.set(false);
        if (write.write === 'reassign') this.reassigning.set(false);
      });
    });
    // A refused write is explained at the top of the panel; bring it into view from the form below.
    effect(() => {
      const banner = this.writeProblem();
      if (banner) untracked(() => {
        banner.nativeElement.scrollIntoView({ block: 'nearest' });
        banner.nativeElement.focus({ preventScroll: true });
      });
    });
    effect(() => {
      if (this.focus() === 'attempt' && this.status() === 'loaded') {
        const form = this.attemptForm();
        if (form) setTimeout(() => form.focusFirst());
      }
    });
    const ticker = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      this.store.dispatch(RequestDetailActions.closed());
    });
  }

  protected claim(request: RequestDetail): void {
    const user = this.user();
    if (user) this.store.dispatch(RequestDetailActions.claimClicked({ request: toSummary(request), me: { id: user.id, name: user.name } }));
  }

  protected release(request: RequestDetail): void {
    this.store.dispatch(RequestDetailActions.releaseClicked({ id: request.id, version: request.version }));
  }

  protected acknowledge(request: RequestDetail): void {
    this.store.dispatch(RequestDetailActions.acknowledgeClicked({ id: request.id, version: request.version }));
  }

  protected logAttempt(request: RequestDetail, input: AttemptInput): void {
    this.store.dispatch(RequestDetailActions.attemptSubmitted({ id: request.id, version: request.version, input }));
  }

  protected close(request: RequestDetail, input: CloseInput): void {
    this.store.dispatch(RequestDetailActions.closeSubmitted({ id: request.id, version: request.version, input }));
  }

  protected reopen(request: RequestDetail): void {
    this.store.dispatch(RequestDetailActions.reopenClicked({ id: request.id, version: request.version }));
  }

  protected link(request: RequestDetail, patientId: string | null): void {
    this.store.dispatch(RequestDetailActions.linkPatientClicked({ id: request.id, version: request.version, patientId }));
  }

  protected saveDetails(request: RequestDetail, { request: input }: RequestContactValue): void {
    this.store.dispatch(RequestDetailActions.detailsSubmitted({ id: request.id, version: request.version, input }));
  }

  protected reassign(request: RequestDetail, staffId: string): void {
    this.store.dispatch(RequestDetailActions.reassignSubmitted({ id: request.id, version: request.version, staffId }));
  }

  protected useLatest(): void {
    this.store.dispatch(RequestDetailActions.useLatestClicked());
  }

  /** The patients area's own dialog, loaded only when needed; the new record is then linked here. */
  protected async createPatient(request: RequestDetail): Promise<void> {
    const { PatientFormDialog } = await import('../../patients/patient-form/patient-form-dialog');
    const [givenName = '', ...rest] = request.name.trim().split(/\s+/);
    const ref = this.dialog.open(PatientFormDialog, {
      data: { givenName, familyName: rest.join(' '), phone: request.phone ?? '', email: request.email ?? '', centreId: request.centre?.id },
      width: '560px',
      autoFocus: 'first-tabbable',
    });
    ref.afterClosed().subscribe((patient) => {
      // Link against the newest copy: the request may have changed while the dialog was open.
      const current = this.request();
      if (patient && current?.id === request.id) this.link(current, patient.id);
    });
  }

  /**
   * The diary's booking dialog (slot finder, double-booking handled there). Once it books, the
   * request closes as booked, linked to the appointment.
   */
  protected async book(request: RequestDetail): Promise<void> {
    let BookingDialog;
    try {
      ({ BookingDialog } = await import('../../diary/booking/booking-dialog'));
    } catch {
      void this.router.navigate(['/diary'], { queryParams: { book: request.id } });
      return;
    }
    const ref = this.dialog.open(BookingDialog, {
      data: {
        requestId: request.id,
        ...(request.patientId && { patientId: request.patientId }),
        ...(request.centre && { centreId: request.centre.id }),
        preferredDays: request.preferences.preferredDays,
        ...(request.preferences.preferredTimeOfDay && { preferredTimeOfDay: request.preferences.preferredTimeOfDay }),
      },
      width: '760px',
      maxWidth: '96vw',
      autoFocus: 'first-tabbable',
    });
    ref.afterClosed().subscribe((appointment) => {
      if (!appointment) return;
      this.bookedAppointmentId.set(appointment.id);
      const current = this.request();
      if (current?.id === request.id && current.status !== 'closed') {
        this.close(current, { outcome: 'booked', appointmentId: appointment.id });
      }
    });
  }

  protected closePanel(): void {
    void this.router.navigate(['/requests']);
  }

  protected historyDetail(detail: Record<string, unknown>): string {
    const parts: string[] = [];
    const outcome = detail['outcome'];
    if (typeof outcome === 'string') parts.push(CLOSE_OUTCOME_LABELS[outcome as keyof typeof CLOSE_OUTCOME_LABELS] ?? ATTEMPT_OUTCOME_LABELS[outcome as keyof typeof ATTEMPT_OUTCOME_LABELS] ?? outcome);
    const label = detail['label'];
    if (typeof label === 'string') parts.splice(0, parts.length, label);
    const toName = detail['toName'];
    if (typeof toName === 'string') parts.push(`to ${toName}`);
    if (detail['messageChanged']) parts.push('message changed');
    const changes = detail['changes'];
    if (changes && typeof changes === 'object' && Object.keys(changes).length) parts.push(`changed ${Object.keys(changes).join(', ')}`);
    const note = detail['note'];
    if (typeof note === 'string' && note) parts.push(`“${note}”`);
    const reason = detail['reason'];
    if (typeof reason === 'string') parts.push(QUARANTINE_REASON_LABELS[reason as keyof typeof QUARANTINE_REASON_LABELS] ?? reason);
    return parts.join(' · ');
  }
}
