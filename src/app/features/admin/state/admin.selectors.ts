import type { Dictionary } from '@ngrx/entity';
import { createSelector } from '@ngrx/store';
import type { AuditEvent, Centre, Staff } from '../../../../shared/api/foundation';
import { ROLES, type Role } from '../../../../shared/roles';
import { auditDetailText, londonTime, roleLabel } from '../format';
import { auditFeature } from './audit.feature';
import { centresFeature } from './centres.feature';
import { securityFeature } from './security.feature';
import { staffFeature } from './staff.feature';

/** One line of the staff table, ready to show. */
export interface StaffRow {
  staff: Staff;
  id: string;
  name: string;
  email: string;
  roleLabel: string;
  centreNames: string;
  /** 'missing': the role requires two-factor sign-in and this person has not set it up yet. */
  twoFactor: 'on' | 'off' | 'missing';
  active: boolean;
  /** Still on the one-time password a manager handed over. */
  awaitingFirstSignIn: boolean;
}

export const selectCentreNameOf = createSelector(
  centresFeature.selectCentreEntities,
  (centres) => (id: string) => centres[id]?.name ?? 'Unknown centre',
);

export const selectStaffRows = createSelector(
  staffFeature.selectAllStaff,
  centresFeature.selectCentreEntities,
  securityFeature.selectRequiredRoles,
  (staff, centres, requiredRoles): StaffRow[] =>
    staff.map((person) => ({
      staff: person,
      id: person.id,
      name: person.name,
      email: person.email,
      roleLabel: roleLabel(person.role),
      centreNames: person.centreIds.map((id) => centres[id]?.name ?? 'Unknown centre').join(', '),
      twoFactor: person.totpEnabled ? 'on' : requiredRoles.includes(person.role) ? 'missing' : 'off',
      active: person.active,
      awaitingFirstSignIn: person.mustChangePassword,
    })),
);

export interface RoleTwoFactorCount {
  role: Role;
  label: string;
  /** Active accounts in the role. */
  total: number;
  /** Active accounts in the role that have not set up two-factor sign-in. */
  withoutTwoFactor: number;
}

export const selectTwoFactorByRole = createSelector(staffFeature.selectAllStaff, (staff): RoleTwoFactorCount[] =>
  ROLES.map((role) => {
    const inRole = staff.filter((person) => person.active && person.role === role);
    return { role, label: roleLabel(role), total: inRole.length, withoutTwoFactor: inRole.filter((person) => !person.totpEnabled).length };
  }),
);

/** One line of the audit table: every field already text, so nothing is ever rendered as markup. */
export interface AuditRow {
  seq: number;
  at: string;
  time: string;
  actor: string;
  actorRole: string;
  action: string;
  entity: string;
  outcome: string;
  /** failure or refused: shown in a warning colour. */
  problem: boolean;
  ip: string;
  detail: string;
}

const ENTITY_LABELS: Record<string, string> = { staff: 'Staff', centre: 'Centre' };

function entityText(event: AuditEvent, staff: Dictionary<Staff>, centres: Dictionary<Centre>): string {
  if (!event.entityType) return '—';
  const type = ENTITY_LABELS[event.entityType] ?? event.entityType.charAt(0).toUpperCase() + event.entityType.slice(1);
  if (!event.entityId) return type;
  const name = event.entityType === 'staff' ? staff[event.entityId]?.name : event.entityType === 'centre' ? centres[event.entityId]?.name : undefined;
  return `${type}: ${name ?? event.entityId}`;
}

export const selectAuditRows = createSelector(
  auditFeature.selectEvents,
  staffFeature.selectStaffEntities,
  centresFeature.selectCentreEntities,
  (events, staff, centres): AuditRow[] => {
    const nameOf = (id: string) => staff[id]?.name ?? centres[id]?.name;
    return events.map((event) => ({
      seq: event.seq,
      at: event.at,
      time: londonTime(event.at),
      actor: event.actorName ?? (event.actorId ? (staff[event.actorId]?.name ?? 'Unknown user') : event.actorRole === 'system' ? 'Clinic Desk' : 'Not signed in'),
      actorRole: roleLabel(event.actorRole),
      action: event.action,
      entity: entityText(event, staff, centres),
      outcome: event.outcome,
      problem: event.outcome === 'failure' || event.outcome === 'refused',
      ip: event.ip ?? '—',
      detail: auditDetailText(event.detail, nameOf),
    }));
  },
);

export const selectStaffOptions = createSelector(staffFeature.selectAllStaff, (staff) =>
  staff.map((person) => ({ id: person.id, label: `${person.name} (${roleLabel(person.role)})` })),
);
