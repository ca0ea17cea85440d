import type { CanDeactivateFn, CanMatchFn } from '@angular/router';
import { type Observable, of } from 'rxjs';
import { roleGuard } from '../../../core/auth/auth.guards';

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
