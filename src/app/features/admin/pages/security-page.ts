import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Store } from '@ngrx/store';
import { map } from 'rxjs';
import type { SecuritySettings } from '../../../../shared/api/foundation';
import { ROLES, type Role } from '../../../../shared/roles';
import { authFeature } from '../../../core/auth/auth.feature';
import { ConflictNotice } from '../components/conflict-notice';
import { securityChanges } from '../format';
import { selectTwoFactorByRole } from '../state/admin.selectors';
import { SecurityPageActions } from '../state/security.actions';
import { securityFeature } from '../state/security.feature';

type RolesForm = FormGroup<Record<Role, FormControl<boolean>>>;

function ticked(form: RolesForm): Role[] {
  const value = form.getRawValue();
  return ROLES.filter((role) => value[role]);
}

function valuesOf(settings: SecuritySettings): Record<Role, boolean> {
  return Object.fromEntries(ROLES.map((role) => [role, settings.totpRequiredRoles.includes(role)])) as Record<Role, boolean>;
}

@Component({
  selector: 'cd-security-page',
  imports: [ReactiveFormsModule, MatCardModule, MatCheckboxModule, MatButtonModule, MatProgressBarModule, MatProgressSpinnerModule, ConflictNotice],
  templateUrl: './security-page.html',
  styleUrl: './security-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecurityPage {
  private readonly store = inject(Store);

  protected readonly state = this.store.selectSignal(securityFeature.selectAdminSecurityState);
  private readonly settings = this.store.selectSignal(securityFeature.selectSettings);
  protected readonly busy = this.store.selectSignal(securityFeature.selectBusy);
  private readonly editVersion = this.store.selectSignal(securityFeature.selectEditVersion);
  private readonly counts = this.store.selectSignal(selectTwoFactorByRole);
  private readonly user = this.store.selectSignal(authFeature.selectUser);

  protected readonly form: RolesForm = new FormGroup({
    receptionist: new FormControl(false, { nonNullable: true }),
    chiropractor: new FormControl(false, { nonNullable: true }),
    manager: new FormControl(false, { nonNullable: true }),
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), { initialValue: this.form.getRawValue() });

  protected readonly roles = computed(() => this.counts());
  /** A manager who ticks their own role without two-factor set up will be stopped at their next page. */
  protected readonly selfAffected = computed(() => {
    const user = this.user();
    return !!user && !user.totpEnabled && this.value()[user.role];
  });

  private readonly theirsTakenFrom = signal<SecuritySettings | null>(null);
  protected readonly showConflict = computed(() => {
    const { status, latest } = this.state();
    return status === 'stale' || status === 'reloading' || (!!latest && this.theirsTakenFrom() !== latest);
  });
  protected readonly changes = computed(() => {
    const { settings, latest } = this.state();
    return settings && latest ? securityChanges(settings.totpRequiredRoles, latest.totpRequiredRoles) : [];
  });

  constructor() {
    this.store.dispatch(SecurityPageActions.opened());
    // Loaded or just saved: the form shows what is stored. A fresh copy after a 412 does not touch the ticks.
    effect(() => {
      const settings = this.settings();
      if (settings) untracked(() => this.form.reset(valuesOf(settings)));
    });
  }

  protected describe(role: { total: number; withoutTwoFactor: number; label: string }): string {
    if (!role.total) return `No active ${role.label.toLowerCase()} accounts.`;
    if (!role.withoutTwoFactor) return `All ${role.total} active have it set up.`;
    return `${role.withoutTwoFactor} of ${role.total} active ${role.withoutTwoFactor === 1 ? 'has' : 'have'} not set it up yet.`;
  }

  protected save(): void {
    const version = this.editVersion();
    if (version === null || this.busy()) return;
    this.store.dispatch(SecurityPageActions.saveSubmitted({ version, totpRequiredRoles: ticked(this.form) }));
  }

  protected reload(): void {
    this.store.dispatch(SecurityPageActions.reloadLatestClicked());
  }

  protected useTheirs(): void {
    const latest = this.state().latest;
    if (!latest) return;
    this.form.reset(valuesOf(latest));
    this.theirsTakenFrom.set(latest);
  }
}
