import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { map } from 'rxjs';
import { type AuditFilters as Filters, EMPTY_AUDIT_FILTERS } from '../state/audit.actions';

/** Suggestions only: any prefix may be typed, and features add actions as they arrive. */
export const ACTION_SUGGESTIONS = [
  'auth.', 'auth.sign-in', 'auth.sign-out', 'auth.password-changed', 'auth.totp-enabled',
  'staff.', 'staff.created', 'staff.updated', 'staff.password-reset', 'staff.totp-reset',
  'centre.', 'settings.', 'access.refused',
];
export const ENTITY_SUGGESTIONS = ['staff', 'centre', 'request', 'patient', 'appointment', 'visit', 'handout'];

function datesInOrder(group: AbstractControl): ValidationErrors | null {
  const { from, to } = (group as FormGroup<{ from: FormControl<string>; to: FormControl<string> }>).getRawValue();
  return from && to && to < from ? { datesReversed: true } : null;
}

@Component({
  selector: 'cd-audit-filters',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatAutocompleteModule, MatButtonModule],
  templateUrl: './audit-filters.html',
  styleUrl: './audit-filters.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditFilters {
  readonly filters = input<Filters>(EMPTY_AUDIT_FILTERS);
  readonly people = input<{ id: string; label: string }[]>([]);
  readonly busy = input(false);

  readonly apply = output<Filters>();

  protected readonly form = new FormGroup(
    {
      action: new FormControl('', { nonNullable: true }),
      entityType: new FormControl('', { nonNullable: true }),
      actorId: new FormControl('', { nonNullable: true }),
      from: new FormControl('', { nonNullable: true }),
      to: new FormControl('', { nonNullable: true }),
    },
    { validators: datesInOrder },
  );

  protected readonly actionOptions = toSignal(
    this.form.controls.action.valueChanges.pipe(map((typed) => ACTION_SUGGESTIONS.filter((option) => option.startsWith(typed.trim().toLowerCase())))),
    { initialValue: ACTION_SUGGESTIONS },
  );
  protected readonly entityOptions = toSignal(
    this.form.controls.entityType.valueChanges.pipe(map((typed) => ENTITY_SUGGESTIONS.filter((option) => option.startsWith(typed.trim().toLowerCase())))),
    { initialValue: ENTITY_SUGGESTIONS },
  );

  constructor() {
    effect(() => this.form.reset(this.filters(), { emitEvent: false }));
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.apply.emit(this.form.getRawValue());
  }

  protected clear(): void {
    this.form.reset(EMPTY_AUDIT_FILTERS);
    this.apply.emit(EMPTY_AUDIT_FILTERS);
  }
}
