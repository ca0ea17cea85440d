import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { AREAS, type Area, canUseArea } from '../../../shared/roles';
import { authFeature } from './auth.feature';

/** Each role lands on the first area it may use that this build has a route for. */
export const homeRedirect: CanActivateFn = () => {
  const router = inject(Router);
  const role = inject(Store).selectSignal(authFeature.selectRole)();
  const routed = new Set(router.config.flatMap((route) => route.children ?? []).map((route) => route.path));
  const area = AREAS.find((candidate: Area) => routed.has(candidate) && role && canUseArea(role, candidate));
  return router.createUrlTree([area ? `/${area}` : '/profile']);
};
