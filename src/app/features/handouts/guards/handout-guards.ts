import { inject } from '@angular/core';
import { type CanMatchFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, take } from 'rxjs';
import type { Role } from '../../../../shared/roles';
import { authFeature } from '../../../core/auth/auth.feature';

/** Only the listed roles match; everyone else is shown "not available" (the API refuses them too). */
export function handoutRoleGuard(allowed: readonly Role[]): CanMatchFn {
  return () => {
    const store = inject(Store);
    const router = inject(Router);
    return store.select(authFeature.selectAuthState).pipe(
      filter((state) => state.status !== 'unknown'),
      take(1),
      map((state) => {
        const role = state.session?.user.role;
        return role && allowed.includes(role) ? true : router.createUrlTree(['/not-allowed']);
      }),
    );
  };
}

/** Writing a sheet is a chiropractor's act; receptionists reprint, managers read. */
export const sheetAuthorGuard: CanMatchFn = handoutRoleGuard(['chiropractor']);

/** Managers edit the library; chiropractors read it to know what they can add. */
export const adviceLibraryGuard: CanMatchFn = handoutRoleGuard(['chiropractor', 'manager']);
