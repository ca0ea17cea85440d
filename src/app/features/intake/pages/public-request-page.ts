import {
  afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, signal, untracked, viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { catchError, debounceTime, of } from 'rxjs';
import type { PreferredTime, PublicRequestInput, RequestKind, Weekday } from '../../../../shared/api/requests';
import { PREFERRED_TIME_LABELS, WEEKDAY_LABELS, WEEKDAYS } from '../../../../shared/requests-labels';
import { screenMessage } from '../../../../shared/triage/red-flags';
import { apiError } from '../../../core/http-error';
import { EmergencyAdvice } from '../components/emergency-advice';
import { IntakeApi } from '../data/intake-api';

export interface PublicRequestForm {
  name: FormControl<string>;
  phone: FormControl<string>;
  email: FormControl<string>;
  centre: FormControl<string>;
  message: FormControl<string>;
  preferredTime: FormControl<PreferredTime>;
  preferredDays: FormGroup<Record<Weekday, FormControl<boolean>>>;
  preferredTimeOfDay: FormControl<PreferredTime>;
  newPatient: FormControl<'yes' | 'no' | ''>;
  consent: FormControl<boolean>;
  /** The honeypot: hidden from people, filled in by bots. */
  website: FormControl<string>;
}

/** UK numbers in the forms people write them: 07700 900123, +44 7700 900123, (01632) 960 001. */
const PHONE_PATTERN = /^\+?[0-9 ()\-.]{10,20}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const COPY: Record<RequestKind, { title: string; intro: string; submit: string }> = {
  callback: {
    title: 'Request a callback',
    intro: 'Leave your number and one of our highly experienced team will call you back, usually within two working hours.',
    submit: 'Request a callback',
  },
  appointment: {
    title: 'Book an appointment',
    intro: 'Tell us when suits you and we will get in touch to confirm a time with one of our chiropractors.',
    submit: 'Send appointment request',
  },
};

/** Field order for the error summary, with the words a patient sees. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Your name', phone: 'Phone number', email: 'Email address', centre: 'Clinic', message: 'Message',
  preferredTime: 'Best time to call', preferredDays: 'Days that suit you', preferredTimeOfDay: 'Time of day',
  newPatient: 'New patient', consent: 'Consent',
};

@Component({
  selector: 'cd-public-request-page',
  imports: [
    ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatRadioModule, MatCheckboxModule,
    MatButtonModule, MatProgressBarModule, EmergencyAdvice,
  ],
  templateUrl: './public-request-page.html',
  styleUrl: './public-request-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicRequestPage {
  private readonly api = inject(IntakeApi);
  private readonly injector = inject(Injector);

  /** From the route's data: which of the clinic site's two forms this is. */
  readonly kind = input<RequestKind>('callback');
  /** ?centre=<id> preselects the clinic when the form is embedded on one clinic's page. */
  readonly centreParam = input<string | undefined>(undefined, { alias: 'centre' });

  protected readonly copy = computed(() => COPY[this.kind()]);
  protected readonly weekdays = WEEKDAYS.map((day) => ({ value: day, label: WEEKDAY_LABELS[day] }));
  protected readonly times = Object.entries(PREFERRED_TIME_LABELS) as [PreferredTime, string][];

  protected readonly centres = toSignal(this.api.centres().pipe(catchError(() => of([]))), { initialValue: [] });
  private readonly token = toSignal(this.api.formToken().pipe(catchError(() => of(null))), { initialValue: null });

  protected readonly form = new FormGroup<PublicRequestForm>(
    {
      name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120), Validators.pattern(/\S/)] }),
      phone: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(40), Validators.pattern(PHONE_PATTERN)] }),
      email: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200), Validators.pattern(EMAIL_PATTERN)] }),
      centre: new FormControl('', { nonNullable: true }),
      message: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
      preferredTime: new FormControl<PreferredTime>('any', { nonNullable: true }),
      preferredDays: new FormGroup(
        Object.fromEntries(WEEKDAYS.map((day) => [day, new FormControl(false, { nonNullable: true })])) as Record<Weekday, FormControl<boolean>>,
      ),
      preferredTimeOfDay: new FormControl<PreferredTime>('any', { nonNullable: true }),
      newPatient: new FormControl<'yes' | 'no' | ''>('', { nonNullable: true }),
      consent: new FormControl(false, { nonNullable: true, validators: [Validators.requiredTrue] }),
      website: new FormControl('', { nonNullable: true }),
    },
    { validators: (group) => this.contactRule(group) },
  );

  protected readonly busy = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly summary = signal<{ field: string; label: string; message: string }[]>([]);
  protected readonly reference = signal<string | null>(null);
  protected readonly messageLength = toSignal(this.form.controls.message.valueChanges, { initialValue: '' });
  private readonly settledMessage = toSignal(this.form.controls.message.valueChanges.pipe(debounceTime(400)), { initialValue: '' });
  /**
   * The same screening the clinic runs on arrival, run here as the patient types: someone who
   * describes emergency symptoms is told at once not to wait for a callback.
   */
  protected readonly urgency = computed(() => screenMessage(this.settledMessage()).priority);

  private readonly summaryBox = viewChild<ElementRef<HTMLElement>>('summaryBox');
  private readonly doneHeading = viewChild<ElementRef<HTMLElement>>('doneHeading');

  constructor() {
    // The centre list arrives after the form; a preselected clinic must be one that exists.
    effect(() => {
      const wanted = this.centreParam();
      if (wanted && this.centres().some((c) => c.id === wanted)) {
        untracked(() => {
          if (!this.form.controls.centre.value) this.form.controls.centre.setValue(wanted);
        });
      }
    });
  }

  /** A callback needs a phone number; an appointment request needs a phone number or an email. */
  private contactRule(group: AbstractControl): ValidationErrors | null {
    const phone = (group.get('phone')?.value as string).trim();
    const email = (group.get('email')?.value as string).trim();
    if (this.kind() === 'callback' && !phone) return { phoneRequired: true };
    if (this.kind() === 'appointment' && !phone && !email) return { contactRequired: true };
    return null;
  }

  protected error(field: string): string | null {
    const server = this.serverErrors()[field];
    if (server) return server;
    const control = this.form.get(field);
    const touched = control?.touched || this.form.touched;
    if (!control || !touched) return null;
    if (field === 'phone' && this.form.hasError('phoneRequired') && this.form.controls.phone.touched) return 'Enter a phone number so we can call you back.';
    if (field === 'phone' && this.form.hasError('contactRequired') && this.form.controls.phone.touched) return 'Enter a phone number or an email address so we can reply.';
    if (!control.touched) return null;
    switch (field) {
      case 'name':
        return control.invalid ? (control.hasError('maxlength') ? 'Use 120 characters or fewer.' : 'Enter your name.') : null;
      case 'phone':
        return control.hasError('pattern') ? 'Enter a UK phone number, like 07700 900123.' : null;
      case 'email':
        return control.hasError('pattern') ? 'Enter an email address like name@example.com.' : null;
      case 'message':
        return control.hasError('maxlength') ? 'Keep the message to 2,000 characters.' : null;
      case 'consent':
        return control.invalid ? 'Tick the box so we can contact you about your request.' : null;
      default:
        return null;
    }
  }

  protected submit(): void {
    this.serverErrors.set({});
    this.submitError.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.showSummary();
      return;
    }
    this.summary.set([]);
    this.busy.set(true);
    this.api.submit(this.toInput()).subscribe({
      next: ({ reference }) => {
        this.busy.set(false);
        this.reference.set(reference);
        afterNextRender(() => this.doneHeading()?.nativeElement.focus(), { injector: this.injector });
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const problem = apiError(err);
        this.serverErrors.set(problem.fields);
        if (Object.keys(problem.fields).length) this.showSummary();
        else this.submitError.set(problem.status === 429 ? 'We have had a lot of requests from your connection. Please wait a few minutes and try again, or call the clinic.' : problem.message);
      },
    });
  }

  private toInput(): PublicRequestInput {
    const value = this.form.getRawValue();
    const input: PublicRequestInput = { kind: this.kind(), name: value.name.trim(), consent: true };
    if (value.phone.trim()) input.phone = value.phone.trim();
    if (value.email.trim()) input.email = value.email.trim();
    if (value.message.trim()) input.message = value.message.trim();
    if (value.centre) input.centre = value.centre;
    if (this.kind() === 'callback') {
      input.preferredTime = value.preferredTime;
    } else {
      const days = WEEKDAYS.filter((day) => value.preferredDays[day]);
      if (days.length) input.preferredDays = days;
      input.preferredTimeOfDay = value.preferredTimeOfDay;
      if (value.newPatient) input.newPatient = value.newPatient === 'yes';
    }
    // Sent as typed: a person never sees this field, so anything in it marks a bot.
    if (value.website) input.website = value.website;
    const token = this.token();
    if (token) input.formToken = token.token;
    return input;
  }

  private showSummary(): void {
    const items = Object.keys(FIELD_LABELS)
      .map((field) => ({ field, label: FIELD_LABELS[field]!, message: this.error(field) }))
      .filter((item): item is { field: string; label: string; message: string } => !!item.message);
    this.summary.set(items);
    afterNextRender(() => this.summaryBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected focusField(event: Event, field: string): void {
    event.preventDefault();
    const element = document.getElementById(`field-${field}`);
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  }

  protected startAgain(): void {
    this.reference.set(null);
    this.form.reset();
    this.summary.set([]);
  }
}
