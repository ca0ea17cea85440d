import { ChangeDetectionStrategy, Component, computed, input, type OnInit, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { startWith } from 'rxjs';
import type {
  PreferredTime, RequestDetail, RequestKind, RequestUpdate, StaffRequestSource, Weekday,
} from '../../../../shared/api/requests';
import { PREFERRED_TIME_LABELS, REQUEST_KIND_LABELS, REQUEST_SOURCE_LABELS, WEEKDAY_LABELS, WEEKDAYS } from '../../../../shared/requests-labels';

export interface RequestContactControls {
  kind: FormControl<RequestKind>;
  source: FormControl<StaffRequestSource>;
  name: FormControl<string>;
  phone: FormControl<string>;
  email: FormControl<string>;
  centreId: FormControl<string>;
  message: FormControl<string>;
  preferredTime: FormControl<PreferredTime>;
  preferredDays: FormGroup<Record<Weekday, FormControl<boolean>>>;
  preferredTimeOfDay: FormControl<PreferredTime>;
  newPatient: FormControl<'yes' | 'no' | ''>;
}

/** What the form sends: the PUT body, plus where the request came from when it is a new one. */
export interface RequestContactValue {
  request: RequestUpdate;
  source: StaffRequestSource;
}

export const MESSAGE_MAX = 2000;

/**
 * The form shows "no preference" as 'any'; a request may hold either null or 'any' for it. An
 * untouched choice sends back exactly what was stored, so saving does not record a change nobody made.
 */
function timeChoice(chosen: PreferredTime, stored: PreferredTime | null | undefined): PreferredTime | null {
  return chosen === (stored ?? 'any') ? stored ?? null : chosen;
}

/** A callback needs a number to ring; an appointment request needs some way to reply. The server holds the same rule. */
function reachable(group: AbstractControl): ValidationErrors | null {
  const kind = group.get('kind')?.value as RequestKind;
  const phone = (group.get('phone')?.value as string).trim();
  const email = (group.get('email')?.value as string).trim();
  if (kind === 'callback' && !phone) return { phoneRequired: true };
  if (kind === 'appointment' && !phone && !email) return { contactRequired: true };
  return null;
}

/**
 * The details of one request as the desk takes them: a new request on the phone or at the
 * desk (mode 'create'), or a correction to one already in the queue (mode 'edit'). It keeps
 * what was typed until the parent says the server has taken it, so a refused or stale save
 * loses nothing.
 */
@Component({
  selector: 'cd-request-contact-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatRadioModule, MatCheckboxModule, MatButtonModule],
  templateUrl: './request-contact-form.html',
  styleUrl: './request-contact-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestContactForm implements OnInit {
  readonly mode = input<'create' | 'edit'>('create');
  /** Edit mode: the request as it was when the user chose to edit it (read once, so live updates do not overwrite typing). */
  readonly request = input<RequestDetail | null>(null);
  /** The centres this user works at. */
  readonly centres = input.required<readonly { id: string; name: string }[]>();
  /** Create mode: the centre the user is looking at, preselected. */
  readonly defaultCentreId = input<string | null>(null);
  readonly busy = input(false);
  /** Field messages from the server's 400, keyed by field name. */
  readonly fieldErrors = input<Record<string, string>>({});
  readonly submitted = output<RequestContactValue>();
  readonly cancelled = output<void>();

  protected readonly kinds = Object.entries(REQUEST_KIND_LABELS) as [RequestKind, string][];
  protected readonly sources = (['phone', 'walk-in', 'staff'] as const).map((value) => ({ value, label: REQUEST_SOURCE_LABELS[value] }));
  protected readonly times = Object.entries(PREFERRED_TIME_LABELS) as [PreferredTime, string][];
  protected readonly weekdays = WEEKDAYS.map((day) => ({ value: day, label: WEEKDAY_LABELS[day] }));
  protected readonly messageMax = MESSAGE_MAX;

  readonly form = new FormGroup<RequestContactControls>({
    kind: new FormControl<RequestKind>('callback', { nonNullable: true }),
    source: new FormControl<StaffRequestSource>('phone', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120), Validators.pattern(/\S/)] }),
    phone: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(40)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.email, Validators.maxLength(200)] }),
    centreId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    message: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(MESSAGE_MAX)] }),
    preferredTime: new FormControl<PreferredTime>('any', { nonNullable: true }),
    preferredDays: new FormGroup(
      Object.fromEntries(WEEKDAYS.map((day) => [day, new FormControl(false, { nonNullable: true })])) as Record<Weekday, FormControl<boolean>>,
    ),
    preferredTimeOfDay: new FormControl<PreferredTime>('any', { nonNullable: true }),
    newPatient: new FormControl<'yes' | 'no' | ''>('', { nonNullable: true }),
  }, { validators: reachable });

  protected readonly kind = toSignal(this.form.controls.kind.valueChanges.pipe(startWith(this.form.controls.kind.value)), { requireSync: true });
  protected readonly messageText = toSignal(
    this.form.controls.message.valueChanges.pipe(startWith(this.form.controls.message.value)), { requireSync: true },
  );
  protected readonly submitLabel = computed(() => (this.mode() === 'create' ? 'Add request' : 'Save details'));

  ngOnInit(): void {
    const request = this.request();
    if (request) {
      const p = request.preferences;
      this.form.reset({
        kind: request.kind,
        source: 'phone',
        name: request.name,
        phone: request.phone ?? '',
        email: request.email ?? '',
        centreId: request.centre?.id ?? '',
        message: request.message,
        preferredTime: p.preferredTime ?? 'any',
        preferredDays: Object.fromEntries(WEEKDAYS.map((day) => [day, p.preferredDays.includes(day)])) as Record<Weekday, boolean>,
        preferredTimeOfDay: p.preferredTimeOfDay ?? 'any',
        newPatient: p.newPatient === null ? '' : p.newPatient ? 'yes' : 'no',
      });
      return;
    }
    const centres = this.centres();
    const preferred = this.defaultCentreId();
    const centreId = preferred && centres.some((c) => c.id === preferred) ? preferred : centres.length === 1 ? centres[0]!.id : '';
    this.form.controls.centreId.setValue(centreId);
  }

  /** The message for one field: the server's word first, then the form's own checks once the field was touched. */
  protected error(field: keyof RequestContactControls): string | null {
    const server = this.fieldErrors()[field];
    if (server) return server;
    const control = this.form.controls[field];
    if (!control.touched) return null;
    switch (field) {
      case 'name':
        return control.hasError('maxlength') ? 'Use 120 characters or fewer.' : control.invalid ? 'Enter the patient’s name.' : null;
      case 'phone':
        if (this.form.hasError('phoneRequired')) return 'A callback needs a phone number.';
        if (this.form.hasError('contactRequired')) return 'Give a phone number or an email address.';
        return control.hasError('maxlength') ? 'Use 40 characters or fewer.' : null;
      case 'email':
        return control.invalid ? 'Enter an email address like name@example.com.' : null;
      case 'centreId':
        return control.invalid ? 'Choose the centre.' : null;
      case 'message':
        return control.hasError('maxlength') ? `Keep the message to ${MESSAGE_MAX.toLocaleString('en-GB')} characters.` : null;
      default:
        return null;
    }
  }

  /** After the server took it (create mode): start again for the next caller. */
  clear(): void {
    const centreId = this.form.controls.centreId.value;
    this.form.reset();
    this.form.controls.centreId.setValue(centreId);
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const value = this.form.getRawValue();
    const request: RequestUpdate = {
      kind: value.kind,
      name: value.name.trim(),
      phone: value.phone.trim(),
      email: value.email.trim(),
      centreId: value.centreId,
      message: value.message.trim(),
    };
    // Only the preferences that belong to the kind are sent; the server keeps the others as they were.
    const stored = this.request()?.preferences;
    if (value.kind === 'callback') {
      request.preferredTime = timeChoice(value.preferredTime, stored?.preferredTime);
    } else {
      request.preferredDays = WEEKDAYS.filter((day) => value.preferredDays[day]);
      request.preferredTimeOfDay = timeChoice(value.preferredTimeOfDay, stored?.preferredTimeOfDay);
      request.newPatient = value.newPatient === '' ? null : value.newPatient === 'yes';
    }
    this.submitted.emit({ request, source: value.source });
  }
}
