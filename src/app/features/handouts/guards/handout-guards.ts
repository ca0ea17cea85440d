import type { CanMatchFn } from '@angular/router';
import { roleGuard } from '../../../core/auth/auth.guards';

/** Writing a sheet is a chiropractor's act; receptionists reprint, managers read. */
export const sheetAuthorGuard: CanMatchFn = roleGuard(['chiropractor']);

/** Managers edit the library; chiropractors read it to know what they can add. */
export const adviceLibraryGuard: CanMatchFn = roleGuard(['chiropractor', 'manager']);
