/** Staff roles, plain data shared by the server's permission checks and the UI's navigation. */
export const ROLES = ['receptionist', 'chiropractor', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  receptionist: 'Receptionist',
  chiropractor: 'Chiropractor',
  manager: 'Manager',
};

/** The areas of the app; the sidenav shows a link when the user's role may use it. */
export const AREAS = ['requests', 'diary', 'today', 'patients', 'analytics', 'admin'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_ROLES: Record<Area, readonly Role[]> = {
  requests: ['receptionist', 'manager'],
  diary: ['receptionist', 'manager'],
  today: ['chiropractor', 'manager'],
  patients: ['receptionist', 'chiropractor', 'manager'],
  analytics: ['manager'],
  admin: ['manager'],
};

export function canUseArea(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/**
 * Who may hold (work on) a request of `centreId`: an active receptionist of that centre (of any
 * centre when the request names none) or an active manager. The server's reassign route decides
 * with it; the reassign form offers only the people it allows.
 */
export function mayHoldRequest(person: { role: Role; active: boolean; centreIds: readonly string[] }, centreId: string | null): boolean {
  if (!person.active) return false;
  if (person.role === 'manager') return true;
  return person.role === 'receptionist' && (!centreId || person.centreIds.includes(centreId));
}
