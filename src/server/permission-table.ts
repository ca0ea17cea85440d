import type { Role } from '../shared/roles';
import { ANALYTICS_PERMISSIONS } from './routes/analytics-permissions';
import { DIARY_PERMISSIONS } from './routes/diary-permissions';
import { HANDOUT_PERMISSIONS } from './routes/handouts-permissions';
import { REQUESTS_PERMISSIONS } from './routes/requests-permissions';
import { VISIT_PERMISSIONS } from './routes/visits-permissions';
import type { RouteAccess } from './types';

/**
 * Who may call each /api route: the table reviewed when permissions change. A test
 * (src/server/test/permissions.spec.ts) fails when a registered route has no row, a row has no
 * route, or a route's declared `config.access` disagrees with its row; it also calls every staff
 * route as every role and checks who is refused.
 *
 * - 'public': anyone, signed in or not (the route itself checks the Origin where it matters).
 * - 'totp-pending': only between the password and the second factor of a sign-in.
 * - { roles, centreScoped }: signed-in staff of those roles; centreScoped means the route limits
 *   what it returns or changes to the user's own centres (managers see every centre).
 *   allowRestricted: still callable while the user must change their password or enrol two-factor.
 *
 * A feature area may keep its rows next to its routes and spread them in below.
 */
export type Permission =
  | 'public'
  | 'totp-pending'
  | { roles: readonly Role[]; centreScoped: boolean; allowRestricted?: boolean };

const ALL: readonly Role[] = ['receptionist', 'chiropractor', 'manager'];
const MANAGER: Permission = { roles: ['manager'], centreScoped: false };
const OWN_ACCOUNT: Permission = { roles: ALL, centreScoped: false, allowRestricted: true };

/** The same information as a route's `config.access`, in the table's shape. */
export function permissionOf(access: RouteAccess): Permission {
  if (access.kind !== 'staff') return access.kind;
  return { roles: access.roles, centreScoped: access.centreScoped, ...(access.allowRestricted && { allowRestricted: true }) };
}

function fromAccess(rows: Record<string, RouteAccess>): Record<string, Permission> {
  return Object.fromEntries(Object.entries(rows).map(([route, access]) => [route, permissionOf(access)]));
}

export const PERMISSION_TABLE: Readonly<Record<string, Permission>> = {
  // System
  'GET /api/health': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/events': { roles: ALL, centreScoped: true },

  // Sign-in and the user's own account
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/totp': 'totp-pending',
  'GET /api/auth/session': OWN_ACCOUNT,
  'POST /api/auth/keep-alive': OWN_ACCOUNT,
  'POST /api/auth/password': OWN_ACCOUNT,
  'POST /api/auth/totp/enrol': OWN_ACCOUNT,
  'POST /api/auth/totp/confirm': OWN_ACCOUNT,

  // Centres: everyone reads their own; managers add and edit
  'GET /api/centres': { roles: ALL, centreScoped: true },
  'GET /api/centres/:id': { roles: ALL, centreScoped: true },
  'POST /api/centres': MANAGER,
  'PUT /api/centres/:id': MANAGER,

  // Staff, security settings and the audit log: managers only
  'GET /api/staff': MANAGER,
  'GET /api/staff/:id': MANAGER,
  'POST /api/staff': MANAGER,
  'PUT /api/staff/:id': MANAGER,
  'POST /api/staff/:id/reset-password': MANAGER,
  'POST /api/staff/:id/reset-totp': MANAGER,
  'GET /api/settings/security': MANAGER,
  'PUT /api/settings/security': MANAGER,
  'GET /api/audit': MANAGER,

  // Requests: the public form and the desk's queue (rows kept in routes/requests-permissions.ts)
  ...fromAccess(REQUESTS_PERMISSIONS),
  // Patients and diary (rows kept in routes/diary-permissions.ts)
  ...fromAccess(DIARY_PERMISSIONS),
  // Visits and exams (rows kept in routes/visits-permissions.ts)
  ...VISIT_PERMISSIONS,
  // Advice library and handouts (rows kept in routes/handouts-permissions.ts)
  ...HANDOUT_PERMISSIONS,
  // Analytics (rows kept in routes/analytics-permissions.ts)
  ...ANALYTICS_PERMISSIONS,
};
