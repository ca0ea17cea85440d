import { inject } from '@angular/core';
import { type CanMatchFn, Router, type UrlTree } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, take, type Observable } from 'rxjs';
import { type Area, canUseArea, type Role } from '../../../shared/roles';
import { authFeature, type AuthState } from './auth.feature';

function settled(store: Store): Observable<AuthState> {
  return store.select(authFeature.selectAuthState).pipe(filter((state) => state.status !== 'unknown'), take(1));
}

/** Signed-in users only; others go to the sign-in page and come back here afterwards. */
export const signedInGuard: CanMatchFn = (_route, segments) => {
  const store = inject(Store);
  const router = inject(Router);
  return settled(store).pipe(
    map((state): boolean | UrlTree => {
      if (state.status === 'signed-in') return true;
      const returnUrl = '/' + segments.map((s) => s.path).join('/');
      return router.createUrlTree(['/sign-in'], { queryParams: returnUrl !== '/' ? { returnUrl } : {} });
    }),
  );
};

/** The sign-in page is for people who are not signed in. */
export const signedOutGuard: CanMatchFn = () => {
  const store = inject(Store);
  const router = inject(Router);
  return settled(store).pipe(map((state) => (state.status === 'signed-in' ? router.createUrlTree(['/']) : true)));
};

/** Lets a signed-in role through when `allowed` says so; anyone else is shown "not allowed". */
function roleMatches(allowed: (role: Role) => boolean): CanMatchFn {
  return () => {
    const store = inject(Store);
    const router = inject(Router);
    return settled(store).pipe(
      map((state) => {
        const role = state.session?.user.role;
        return role && allowed(role) ? true : router.createUrlTree(['/not-allowed']);
      }),
    );
  };
}

/** A role that may not use an area never sees it; the API refuses it as well. */
export function areaGuard(area: Area): CanMatchFn {
  return roleMatches((role) => canUseArea(role, area));
}

/** Only the listed roles match, for pages narrower than an area (the API refuses the others too). */
export function roleGuard(roles: readonly Role[]): CanMatchFn {
  return roleMatches((role) => roles.includes(role));
}

/** Until the password is changed and two-factor enrolled (when required), only the profile is open. */
export const setupCompleteGuard: CanMatchFn = () => {
  const store = inject(Store);
  const router = inject(Router);
  return settled(store).pipe(
    map((state) => {
      const user = state.session?.user;
      if (!user) return true;
      if (user.mustChangePassword) return router.createUrlTree(['/profile'], { queryParams: { setup: 'password' } });
      if (user.totpRequired && !user.totpEnabled) return router.createUrlTree(['/profile'], { queryParams: { setup: 'two-factor' } });
      return true;
    }),
  );
};

/** Where a role lands after sign-in. */
export function homePathFor(role: string | undefined): string {
  switch (role) {
    case 'receptionist':
      return '/requests';
    case 'chiropractor':
      return '/today';
    default:
      return '/requests';
  }
}
