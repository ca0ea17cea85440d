// Test data and store states for the Admin specs. Not imported by the app.
import type { AuditEvent, Centre, SecuritySettings, SessionUser, Staff } from '../../../../shared/api/foundation';
import type { AuthState } from '../../../core/auth/auth.feature';
import { type AuditState, auditAdapter, initialAuditState } from '../state/audit.feature';
import { type CentresState, centresAdapter, initialCentresState } from '../state/centres.feature';
import { initialSecurityState, type SecurityState } from '../state/security.feature';
import { initialStaffState, staffAdapter, type StaffState } from '../state/staff.feature';

export const RIVERSIDE: Centre = {
  id: 'c-riverside',
  name: 'Riverside Centre',
  address: '14 Mill Lane, Abingdon OX14 5AA',
  phone: '01235 555 014',
  email: 'riverside@demo.clinic',
  timeZone: 'Europe/London',
  openingHours: [
    { weekday: 1, open: '08:30', close: '18:00' },
    { weekday: 2, open: '08:30', close: '18:00' },
    { weekday: 3, open: '08:30', close: '18:00' },
    { weekday: 4, open: '08:30', close: '18:00' },
    { weekday: 5, open: '08:30', close: '17:00' },
    { weekday: 6, open: '09:00', close: '13:00' },
  ],
  responseTargets: { emergencyMinutes: 0, callbackMinutes: 120, appointmentMinutes: 240, claimIdleMinutes: 15 },
  active: true,
  version: 3,
};

export const HILLVIEW: Centre = { ...RIVERSIDE, id: 'c-hillview', name: 'Hillview Centre', address: '2 Station Road, Didcot', version: 1 };

export const MANAGER: Staff = {
  id: 's-manager', email: 'manager@demo.clinic', name: 'Morgan Hale', role: 'manager', centreIds: [RIVERSIDE.id, HILLVIEW.id],
  active: true, totpEnabled: true, mustChangePassword: false, version: 4,
};
export const RECEPTIONIST: Staff = {
  id: 's-jo', email: 'reception2@demo.clinic', name: 'Jo Evans', role: 'receptionist', centreIds: [RIVERSIDE.id],
  active: true, totpEnabled: false, mustChangePassword: false, version: 2,
};
export const CHIRO: Staff = {
  id: 's-alex', email: 'chiro@demo.clinic', name: 'Dr Alex Morgan', role: 'chiropractor', centreIds: [HILLVIEW.id],
  active: false, totpEnabled: true, mustChangePassword: true, version: 7,
};

export const SECURITY: SecuritySettings = { totpRequiredRoles: ['receptionist'], version: 5 };

export function auditEvent(seq: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq, at: '2026-07-01T09:15:00.000Z', actorId: MANAGER.id, actorName: MANAGER.name, actorRole: 'manager',
    action: 'staff.updated', entityType: 'staff', entityId: RECEPTIONIST.id, outcome: 'success', ip: '127.0.0.1', detail: {},
    ...extra,
  };
}

const USER: SessionUser = {
  id: MANAGER.id, email: MANAGER.email, name: MANAGER.name, role: 'manager',
  centres: [{ id: RIVERSIDE.id, name: RIVERSIDE.name, timeZone: 'Europe/London' }],
  totpEnabled: true, totpRequired: false, mustChangePassword: false,
};

export interface AdminTestState {
  auth: AuthState;
  adminStaff: StaffState;
  adminCentres: CentresState;
  adminSecurity: SecurityState;
  adminAudit: AuditState;
}

/** A signed-in manager with staff, centres and settings loaded; pass slices to change parts of it. */
export function adminState(parts: {
  staff?: Partial<StaffState>;
  centres?: Partial<CentresState>;
  security?: Partial<SecurityState>;
  audit?: Partial<AuditState>;
  events?: AuditEvent[];
  user?: Partial<SessionUser>;
} = {}): AdminTestState {
  return {
    auth: { status: 'signed-in', session: { user: { ...USER, ...parts.user }, idleTimeoutSeconds: 1800, absoluteRemainingSeconds: 40000 }, endedReason: null },
    adminStaff: { ...staffAdapter.setAll([MANAGER, RECEPTIONIST, CHIRO], initialStaffState), loadStatus: 'loaded', ...parts.staff },
    adminCentres: { ...centresAdapter.setAll([RIVERSIDE, HILLVIEW], initialCentresState), loadStatus: 'loaded', ...parts.centres },
    adminSecurity: { ...initialSecurityState, status: 'ready', settings: SECURITY, ...parts.security },
    adminAudit: { ...auditAdapter.setAll(parts.events ?? [], initialAuditState), status: 'loaded', ...parts.audit },
  };
}
