import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import type { LoginResult } from '../../../../shared/api/foundation';
import { AuthApi } from '../../../core/auth/auth-api';
import { AuthApiActions } from '../../../core/auth/auth.actions';
import { authFeature } from '../../../core/auth/auth.feature';
import { apiError } from '../../../core/http-error';

@Component({
  selector: 'cd-sign-in-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly api = inject(AuthApi);
  private readonly store = inject(Store);
  private readonly router = inject(Router);

  /** Where to go back to after signing in (set when a session ended mid-task). */
  readonly returnUrl = input<string | undefined>();

  protected readonly endedReason = this.store.selectSignal(authFeature.selectEndedReason);
  protected readonly step = signal<'password' | 'totp'>('password');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly passwordForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly totpForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(6)] }),
  });

  protected submitPassword(): void {
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.login(this.passwordForm.getRawValue()).subscribe({
      next: (result) => this.handle(result),
      error: (error: unknown) => this.fail(error),
    });
  }

  protected submitCode(): void {
    if (this.totpForm.invalid) {
      this.totpForm.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.totp(this.totpForm.getRawValue().code).subscribe({
      next: (result) => this.handle(result),
      error: (error: unknown) => {
        const problem = apiError(error);
        // The pending sign-in timed out or was replaced: start again from the password.
        if (problem.status === 401 && problem.code === 'unauthenticated') this.step.set('password');
        this.fail(error);
      },
    });
  }

  protected startAgain(): void {
    this.step.set('password');
    this.totpForm.reset();
    this.error.set(null);
  }

  private handle(result: LoginResult): void {
    this.busy.set(false);
    if (result.status === 'totp-required') {
      this.step.set('totp');
      return;
    }
    this.store.dispatch(AuthApiActions.signedIn({ session: result.session }));
    const target = this.returnUrl();
    void this.router.navigateByUrl(target && target.startsWith('/') && !target.startsWith('//') ? target : '/');
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    this.error.set(apiError(error).message);
  }
}
