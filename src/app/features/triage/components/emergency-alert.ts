import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { authFeature } from '../../../core/auth/auth.feature';
import { EmergencyAlerts } from '../data/emergency-alerts';

/**
 * Mounted once in the shell: a new emergency request interrupts every receptionist and manager,
 * on any page, until someone acknowledges it.
 */
@Component({
  selector: 'cd-emergency-alert',
  imports: [MatButtonModule, RouterLink],
  templateUrl: './emergency-alert.html',
  styleUrl: './emergency-alert.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmergencyAlert {
  private readonly store = inject(Store);
  protected readonly service = inject(EmergencyAlerts);

  private readonly role = this.store.selectSignal(authFeature.selectRole);
  protected readonly current = computed(() => this.service.alerts()[0] ?? null);
  protected readonly more = computed(() => Math.max(0, this.service.alerts().length - 1));
  protected readonly flags = computed(() => (this.current()?.redFlags ?? []).filter((f) => f.level === 'emergency'));
  /** The first emergency flag leads with its action and script; the others are named, so the banner stays short. */
  protected readonly lead = computed(() => this.flags()[0] ?? null);
  protected readonly others = computed(() => this.flags().slice(1));

  constructor() {
    effect(() => {
      const role = this.role();
      untracked(() => {
        if (role === 'receptionist' || role === 'manager') this.service.start();
        else this.service.stop();
      });
    });
  }
}
