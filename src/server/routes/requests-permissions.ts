import type { RouteAccess } from '../types';

/** Who may call the requests routes. The routes use these constants; the table lists them. */
export const REQUESTS_ACCESS = {
  /** The public form on the clinic's website: no sign-in. */
  public: { kind: 'public' },
  /** The front desk works the queue, limited to their own centres; chiropractors are refused. */
  desk: { kind: 'staff', roles: ['receptionist', 'manager'], centreScoped: true },
  /** Managers: reassign a claim, restore a quarantined submission. */
  manager: { kind: 'staff', roles: ['manager'], centreScoped: true },
} as const satisfies Record<string, RouteAccess>;

/** 'METHOD /api/path' → access, for the permission table. */
export const REQUESTS_PERMISSIONS: Record<string, RouteAccess> = {
  'POST /api/public/requests': REQUESTS_ACCESS.public,
  'GET /api/public/form-token': REQUESTS_ACCESS.public,
  'GET /api/public/centres': REQUESTS_ACCESS.public,

  'GET /api/requests': REQUESTS_ACCESS.desk,
  'POST /api/requests': REQUESTS_ACCESS.desk,
  'GET /api/requests/:id': REQUESTS_ACCESS.desk,
  'PUT /api/requests/:id': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/claim': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/release': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/reassign': REQUESTS_ACCESS.manager,
  'POST /api/requests/:id/attempts': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/acknowledge-flags': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/close': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/reopen': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/link-patient': REQUESTS_ACCESS.desk,
  'POST /api/requests/:id/restore': REQUESTS_ACCESS.manager,
};
