import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { apiError } from '../../../core/http-error';
import { RequestContactForm, type RequestContactValue } from '../components/request-contact-form';
import { RequestsApi } from '../data/requests-api';

/**
 * A request taken on the phone or at the desk (/requests/new). It joins every open queue through
 * the live events like one from the website, is screened for red flags the same way, and opens
 * in the panel once saved so the receptionist can carry on with it.
 */
@Component({
  selector: 'cd-new-request-page',
  imports: [RequestContactForm],
  template: `
    <div class="panel">
      <h2 id="new-request-title" tabindex="-1">New request</h2>
      <p class="muted intro">For a patient on the phone or at the desk. Requests from the website arrive by themselves.</p>
      @if (problem(); as message) { <p class="banner error" role="alert">{{ message }}</p> }
      <cd-request-contact-form
        mode="create"
        [centres]="centres()"
        [defaultCentreId]="selectedCentre()"
        [busy]="busy()"
        [fieldErrors]="fieldErrors()"
        (submitted)="save($event)"
        (cancelled)="cancel()"
      />
    </div>
  `,
  styles: `
    :host { display: block; }
    .panel { padding: 8px 20px 24px; display: flex; flex-direction: column; gap: 8px; }
    h2 { margin: 0; font: var(--mat-sys-headline-small); outline: none; }
    .intro { margin: 0 0 8px; }
    .banner.error { margin: 0; padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewRequestPage {
  private readonly api = inject(RequestsApi);
  private readonly router = inject(Router);
  private readonly store = inject(Store);

  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly centres = computed(() => this.user()?.centres ?? []);
  protected readonly selectedCentre = this.store.selectSignal(centreFeature.selectSelected);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  protected save({ request, source }: RequestContactValue): void {
    this.busy.set(true);
    this.problem.set(null);
    this.fieldErrors.set({});
    this.api.create({ ...request, source }).subscribe({
      next: (created) => {
        this.busy.set(false);
        void this.router.navigate(['/requests', created.id]);
      },
      error: (err: unknown) => {
        // The form keeps everything typed; only the message changes.
        this.busy.set(false);
        const error = apiError(err);
        this.fieldErrors.set(error.fields);
        this.problem.set(error.message);
      },
    });
  }

  protected cancel(): void {
    void this.router.navigate(['/requests']);
  }
}
