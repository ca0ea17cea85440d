import { inject } from '@angular/core';
import { type CanDeactivateFn, type CanMatchFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, type Observable, of, take } from 'rxjs';
import type { Role } from '../../../../shared/roles';
import { authFeature } from '../../../core/auth/auth.feature';

function roleGuard(allowed: readonly Role[]): CanMatchFn {
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

/** Clinical notes: chiropractors write, managers read; receptionists never reach them (the API refuses them too). */
export const clinicalReadGuard: CanMatchFn = roleGuard(['chiropractor', 'manager']);

/** Starting a visit is a chiropractor's act. */
export const clinicalWriteGuard: CanMatchFn = roleGuard(['chiropractor']);

/** A page that may hold changes the server has not confirmed yet. */
export interface HasUnsentChanges {
  /** True when leaving is safe; otherwise asks the user and answers with their choice. */
  confirmLeave(): boolean | Observable<boolean>;
}

export const unsentChangesGuard: CanDeactivateFn<HasUnsentChanges> = (component) =>
  component ? component.confirmLeave() : of(true);
