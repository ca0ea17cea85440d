import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, output, signal, untracked, type OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type Centre, type CentreInput, DEFAULT_RESPONSE_TARGETS, type OpeningHours, type ResponseTargets } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';
import { applyServerErrors } from '../form-errors';
import { centreChanges, COMMON_TIME_ZONES, describeMinutes, otherTimeZones } from '../format';
import { ConflictNotice } from './conflict-notice';
import { OpeningHoursEditor } from './opening-hours-editor';
import { buildOpeningHoursForm, openingHoursValue } from './opening-hours.model';

/** A new centre starts with ordinary UK clinic hours, to be adjusted. */
export const DEFAULT_OPENING_HOURS: OpeningHours = [
  ...[1, 2, 3, 4].map((weekday) => ({ weekday, open: '08:30', close: '18:00' })),
  { weekday: 5, open: '08:30', close: '17:00' },
  { weekday: 6, open: '09:00', close: '13:00' },
];

export type CentreFormStatus = 'ready' | 'saving' | 'saved' | 'failed' | 'stale' | 'reloading';

function minutes(value: number, min: number, max: number): FormControl<number> {
  return new FormControl(value, { nonNullable: true, validators: [Validators.required, Validators.min(min), Validators.max(max), Validators.pattern(/^\d+$/)] });
}

function buildForm(centre: Centre | null) {
  const targets: ResponseTargets = centre?.responseTargets ?? DEFAULT_RESPONSE_TARGETS;
  return new FormGroup({
    name: new FormControl(centre?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120), Validators.pattern(/\S/)] }),
    address: new FormControl(centre?.address ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(300), Validators.pattern(/\S/)] }),
    phone: new FormControl(centre?.phone ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(40), Validators.pattern(/\S/)] }),
    email: new FormControl(centre?.email ?? '', { nonNullable: true, validators: [Validators.email, Validators.maxLength(200)] }),
    timeZone: new FormControl(centre?.timeZone ?? 'Europe/London', { nonNullable: true, validators: [Validators.required] }),
    active: new FormControl(centre?.active ?? true, { nonNullable: true }),
    openingHours: buildOpeningHoursForm(centre?.openingHours ?? DEFAULT_OPENING_HOURS),
    responseTargets: new FormGroup({
      callbackMinutes: minutes(targets.callbackMinutes, 1, 10080),
      appointmentMinutes: minutes(targets.appointmentMinutes, 1, 10080),
      emergencyMinutes: minutes(targets.emergencyMinutes, 0, 1440),
      claimIdleMinutes: minutes(targets.claimIdleMinutes, 1, 1440),
    }),
  });
}

export type CentreFormGroup = ReturnType<typeof buildForm>;

@Component({
  selector: 'cd-centre-form',
  imports: [
    ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, MatButtonModule,
    MatProgressSpinnerModule, OpeningHoursEditor, ConflictNotice,
  ],
  templateUrl: './centre-form.html',
  styleUrl: './centre-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CentreForm implements OnInit {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** The centre as loaded; null for a new one. The form starts from it once and then belongs to the user. */
  readonly centre = input<Centre | null>(null);
  /** The fresh copy fetched after someone else saved first. */
  readonly latest = input<Centre | null>(null);
  readonly status = input<CentreFormStatus>('ready');
  readonly error = input<ApiError | null>(null);

  readonly save = output<CentreInput>();
  readonly reload = output<void>();
  readonly cancel = output<void>();

  protected form: CentreFormGroup = buildForm(null);
  protected readonly commonZones = COMMON_TIME_ZONES;
  protected readonly otherZones = otherTimeZones();
  protected readonly describeMinutes = describeMinutes;

  protected readonly busy = computed(() => this.status() === 'saving' || this.status() === 'reloading');
  /** The "use their version" choice hides the notice until another conflict. */
  private readonly theirsTakenFrom = signal<Centre | null>(null);
  protected readonly showConflict = computed(() =>
    this.status() === 'stale' || (this.status() === 'reloading') || (!!this.latest() && this.theirsTakenFrom() !== this.latest()));
  protected readonly changes = computed(() => {
    const before = this.centre();
    const after = this.latest();
    return before && after ? centreChanges(before, after) : [];
  });
  protected readonly generalErrors = signal<string[]>([]);

  constructor() {
    effect(() => {
      const error = this.error();
      const status = this.status();
      untracked(() => {
        this.generalErrors.set(status === 'failed' && error ? [error.message, ...applyServerErrors(this.form, error.fields).filter((m) => m !== error.message)] : []);
      });
    });
  }

  ngOnInit(): void {
    this.form = buildForm(this.centre());
  }

  /** True when there is typing that has not been saved. */
  hasUnsavedChanges(): boolean {
    return this.form.dirty && this.status() !== 'saved';
  }

  protected isNew(): boolean {
    return !this.centre();
  }

  protected zoneListed(zone: string): boolean {
    return this.commonZones.includes(zone) || this.otherZones.includes(zone);
  }

  protected useTheirs(): void {
    const latest = this.latest();
    if (!latest) return;
    this.form = buildForm(latest);
    this.theirsTakenFrom.set(latest);
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.generalErrors.set(['Some fields need correcting. The first one has been selected for you.']);
      // Take the user to the first problem: it may be far up the page, or under the sticky action bar.
      afterNextRender(() => {
        const field = this.host.nativeElement.querySelector<HTMLElement>('.mat-form-field-invalid input, .mat-form-field-invalid textarea, .mat-form-field-invalid mat-select');
        field?.scrollIntoView({ block: 'center' });
        field?.focus();
      }, { injector: this.injector });
      return;
    }
    this.generalErrors.set([]);
    const value = this.form.getRawValue();
    this.save.emit({
      name: value.name.trim(),
      address: value.address.trim(),
      phone: value.phone.trim(),
      email: value.email.trim(),
      timeZone: value.timeZone,
      active: value.active,
      openingHours: openingHoursValue(this.form.controls.openingHours),
      responseTargets: {
        callbackMinutes: Number(value.responseTargets.callbackMinutes),
        appointmentMinutes: Number(value.responseTargets.appointmentMinutes),
        emergencyMinutes: Number(value.responseTargets.emergencyMinutes),
        claimIdleMinutes: Number(value.responseTargets.claimIdleMinutes),
      },
    });
  }
}
