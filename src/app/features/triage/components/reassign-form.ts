import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { catchError, map, of } from 'rxjs';
import type { Staff } from '../../../../shared/api/foundation';
import type { RequestDetail } from '../../../../shared/api/requests';
import { mayHoldRequest } from '../../../../shared/roles';
import { AdminApi } from '../../admin/data/admin-api';

/** Managers: give a request to another member of the desk (say the holder has gone home). */
@Component({
  selector: 'cd-reassign-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, MatButtonModule],
  template: `
    <form class="reassign" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Give it to</mat-label>
        <mat-select formControlName="staffId">
          @for (s of candidates(); track s.id) { <mat-option [value]="s.id">{{ s.name }} ({{ s.role }})</mat-option> }
        </mat-select>
        @if (staffError(); as message) { <mat-hint class="field-error">{{ message }}</mat-hint> }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()">Reassign</button>
      <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
    </form>
  `,
  styles: `
    .reassign { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    mat-form-field { flex: 1 1 220px; }
    .field-error { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReassignForm {
  private readonly admin = inject(AdminApi);

  readonly request = input.required<RequestDetail>();
  readonly busy = input(false);
  readonly fieldErrors = input<Record<string, string>>({});
  readonly submitted = output<string>();
  readonly cancelled = output<void>();

  protected readonly form = new FormGroup({ staffId: new FormControl('', { nonNullable: true, validators: [Validators.required] }) });
  private readonly staff = toSignal(
    this.admin.listStaff().pipe(map((list) => ({ list, failed: false })), catchError(() => of({ list: [] as Staff[], failed: true }))),
  );
  protected readonly candidates = computed(() => {
    const request = this.request();
    return (this.staff()?.list ?? [])
      .filter((s) => s.id !== request.holder?.id && mayHoldRequest(s, request.centre?.id ?? null))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  protected readonly staffError = computed(() => {
    const server = this.fieldErrors()['staffId'];
    if (server) return server;
    if (this.staff()?.failed) return 'The staff list could not be loaded. Try again in a moment.';
    if (this.staff() && !this.candidates().length) return 'Nobody else at this centre can take it.';
    return null;
  });

  protected submit(): void {
    const staffId = this.form.controls.staffId;
    staffId.markAsTouched();
    if (staffId.valid) this.submitted.emit(staffId.value);
  }
}
