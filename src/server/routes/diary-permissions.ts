import type { RouteAccess } from '../types';

/** Who may call the patients and diary routes. The routes use these constants, the table lists them. */
export const DIARY_ACCESS = {
  /** Every signed-in role, limited to their own centres. */
  anyStaff: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
  /** The front desk: create and edit patients, book and change appointments. */
  desk: { kind: 'staff', roles: ['receptionist', 'manager'], centreScoped: true },
  /** Marking attendance: the desk, and the chiropractor seeing the patient. */
  attendance: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
  today: { kind: 'staff', roles: ['chiropractor', 'manager'], centreScoped: true },
  manager: { kind: 'staff', roles: ['manager'], centreScoped: false },
} as const satisfies Record<string, RouteAccess>;

/** 'METHOD /api/path' → access, for the permission table. */
export const DIARY_PERMISSIONS: Record<string, RouteAccess> = {
  'GET /api/patients': DIARY_ACCESS.anyStaff,
  'POST /api/patients': DIARY_ACCESS.desk,
  'GET /api/patients/:id': DIARY_ACCESS.anyStaff,
  'PUT /api/patients/:id': DIARY_ACCESS.desk,
  'POST /api/patients/:id/merge': DIARY_ACCESS.manager,
  'GET /api/patients/:id/export': DIARY_ACCESS.manager,
  'POST /api/patients/:id/anonymise': DIARY_ACCESS.manager,

  'GET /api/appointment-types': DIARY_ACCESS.anyStaff,
  'POST /api/appointment-types': DIARY_ACCESS.manager,
  'PUT /api/appointment-types/:id': DIARY_ACCESS.manager,
  'GET /api/clinicians': DIARY_ACCESS.anyStaff,
  'GET /api/clinicians/:id/hours': DIARY_ACCESS.anyStaff,
  'PUT /api/clinicians/:id/hours': DIARY_ACCESS.manager,
  'GET /api/slots': DIARY_ACCESS.desk,
  'GET /api/appointments': DIARY_ACCESS.anyStaff,
  'POST /api/appointments': DIARY_ACCESS.desk,
  'GET /api/appointments/:id': DIARY_ACCESS.anyStaff,
  'POST /api/appointments/:id/cancel': DIARY_ACCESS.desk,
  'POST /api/appointments/:id/move': DIARY_ACCESS.desk,
  'POST /api/appointments/:id/attended': DIARY_ACCESS.attendance,
  'POST /api/appointments/:id/did-not-attend': DIARY_ACCESS.attendance,
  'GET /api/today': DIARY_ACCESS.today,
};
