import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { map } from 'rxjs';
import { AREAS, type Area, ROLE_LABELS } from '../../../shared/roles';
import { EmergencyAlert } from '../../features/triage/components/emergency-alert';
import { ActivityClock } from '../auth/activity';
import { AuthApiActions, AuthPageActions } from '../auth/auth.actions';
import { authFeature } from '../auth/auth.feature';
import { centreFeature, CentrePickerActions } from '../centre/centre.feature';
import { LiveEvents } from '../live/live-events';
import { linksFor } from './nav';
import { ThemeChoice } from './theme';

/** Warn this long before the idle timeout signs the user out. */
const IDLE_WARNING_SECONDS = 120;

@Component({
  selector: 'cd-shell',
  imports: [
    RouterOutlet, RouterLink, RouterLinkActive, MatSidenavModule, MatToolbarModule, MatListModule, MatIconModule,
    MatButtonModule, MatMenuModule, MatSelectModule, MatTooltipModule, MatDividerModule, EmergencyAlert,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly activity = inject(ActivityClock);
  protected readonly live = inject(LiveEvents);
  protected readonly theme = inject(ThemeChoice);

  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly session = this.store.selectSignal(authFeature.selectSession);
  protected readonly selectedCentre = this.store.selectSignal(centreFeature.selectSelected);
  protected readonly roleLabel = computed(() => (this.user() ? ROLE_LABELS[this.user()!.role] : ''));

  /** Only areas that have a route in this build appear in the sidenav. */
  private readonly routedAreas = new Set<Area>(
    this.router.config.flatMap((route) => route.children ?? []).map((route) => route.path as Area).filter((path) => AREAS.includes(path)),
  );
  protected readonly links = computed(() => linksFor(this.user()?.role ?? null, this.routedAreas));

  protected readonly narrow = toSignal(
    inject(BreakpointObserver).observe('(max-width: 1180px)').pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly navOpen = signal(true);

  private readonly now = signal(Date.now());
  /** Seconds left before the idle timeout, counted from the last request the user made. */
  protected readonly idleSecondsLeft = computed(() => {
    const timeout = this.session()?.idleTimeoutSeconds ?? 0;
    return Math.max(0, Math.round(timeout - (this.now() - this.activity.lastActivity()) / 1000));
  });
  protected readonly showIdleWarning = computed(() => !!this.session() && this.idleSecondsLeft() <= IDLE_WARNING_SECONDS);
  protected readonly idleCountdown = computed(() => {
    const seconds = this.idleSecondsLeft();
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  });

  constructor() {
    this.live.start();
    const ticker = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      this.live.stop();
    });
    effect(() => {
      if (this.session() && this.idleSecondsLeft() === 0) {
        this.store.dispatch(AuthApiActions.sessionEnded({ reason: 'expired' }));
      }
    });
    // On a narrow reception screen the navigation overlays the page, so it starts closed.
    effect(() => this.navOpen.set(!this.narrow()));
    // A centre the user no longer works at falls back to all of theirs.
    effect(() => {
      const user = this.user();
      const selected = this.selectedCentre();
      if (user && selected !== 'all' && !user.centres.some((c) => c.id === selected)) {
        this.store.dispatch(CentrePickerActions.centreChosen({ centreId: 'all' }));
      }
    });
  }

  protected chooseCentre(centreId: string): void {
    this.store.dispatch(CentrePickerActions.centreChosen({ centreId }));
  }

  protected signOut(): void {
    this.store.dispatch(AuthPageActions.signOutClicked());
  }

  protected staySignedIn(): void {
    this.store.dispatch(AuthPageActions.staySignedInClicked());
  }

  protected connectionLabel(): string {
    switch (this.live.state()) {
      case 'live':
        return 'Live: new requests appear as they arrive';
      case 'connecting':
        return 'Reconnecting: changes will appear when the connection is back';
      default:
        return 'Offline: the screen is not updating';
    }
  }
}
