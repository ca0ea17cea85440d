import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import type { TotpEnrolment } from '../../../../shared/api/foundation';
import { ROLE_LABELS } from '../../../../shared/roles';
import { AuthApi } from '../../../core/auth/auth-api';
import { AuthApiActions } from '../../../core/auth/auth.actions';
import { authFeature } from '../../../core/auth/auth.feature';
import { apiError } from '../../../core/http-error';

@Component({
  selector: 'cd-profile-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly api = inject(AuthApi);
  private readonly store = inject(Store);
  private readonly router = inject(Router);

  /** Set by the setup guard: 'password' or 'two-factor' when the account must finish setting up. */
  readonly setup = input<string | undefined>();

  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly setupNeeded = this.store.selectSignal(authFeature.selectSetupNeeded);
  protected readonly roleLabel = computed(() => (this.user() ? ROLE_LABELS[this.user()!.role] : ''));

  protected readonly passwordForm = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(12)] }),
    confirmPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly passwordBusy = signal(false);
  protected readonly passwordMessage = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  protected readonly passwordFieldErrors = signal<Record<string, string>>({});

  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly totpBusy = signal(false);
  protected readonly totpError = signal<string | null>(null);
  protected readonly codeControl = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\d{6}$/)] });

  protected changePassword(): void {
    const { currentPassword, newPassword, confirmPassword } = this.passwordForm.getRawValue();
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    if (newPassword !== confirmPassword) {
      this.passwordFieldErrors.set({ confirmPassword: 'The two new passwords are not the same.' });
      return;
    }
    this.passwordBusy.set(true);
    this.passwordMessage.set(null);
    this.passwordFieldErrors.set({});
    this.api.changePassword(currentPassword, newPassword).subscribe({
      next: (session) => {
        this.passwordBusy.set(false);
        this.passwordForm.reset();
        this.store.dispatch(AuthApiActions.sessionLoaded({ session }));
        this.passwordMessage.set({ kind: 'ok', text: 'Your password has been changed. Other devices have been signed out.' });
        this.continueIfSetUp();
      },
      error: (error: unknown) => {
        this.passwordBusy.set(false);
        const problem = apiError(error);
        this.passwordFieldErrors.set(problem.fields);
        this.passwordMessage.set({ kind: 'error', text: problem.message });
      },
    });
  }

  protected startEnrolment(): void {
    this.totpBusy.set(true);
    this.totpError.set(null);
    this.api.startTotpEnrolment().subscribe({
      next: (enrolment) => {
        this.totpBusy.set(false);
        this.enrolment.set(enrolment);
      },
      error: (error: unknown) => {
        this.totpBusy.set(false);
        this.totpError.set(apiError(error).message);
      },
    });
  }

  protected confirmEnrolment(): void {
    if (this.codeControl.invalid) {
      this.codeControl.markAsTouched();
      return;
    }
    this.totpBusy.set(true);
    this.totpError.set(null);
    this.api.confirmTotp(this.codeControl.value).subscribe({
      next: ({ recoveryCodes }) => {
        this.totpBusy.set(false);
        this.enrolment.set(null);
        this.recoveryCodes.set(recoveryCodes);
        this.api.session().subscribe((session) => this.store.dispatch(AuthApiActions.sessionLoaded({ session })));
      },
      error: (error: unknown) => {
        this.totpBusy.set(false);
        const problem = apiError(error);
        this.totpError.set(problem.fields['code'] ?? problem.message);
      },
    });
  }

  protected finishRecoveryCodes(): void {
    this.recoveryCodes.set(null);
    this.continueIfSetUp();
  }

  /** Once a first-run account is set up, take the user on to their work. */
  private continueIfSetUp(): void {
    if (this.setup() && !this.setupNeeded() && !this.recoveryCodes()) void this.router.navigateByUrl('/');
  }
}
