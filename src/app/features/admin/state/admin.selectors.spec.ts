import { CHIRO, HILLVIEW, MANAGER, RECEPTIONIST, RIVERSIDE, auditEvent } from '../testing/fixtures';
import { selectAuditRows, selectStaffRows, selectTwoFactorByRole } from './admin.selectors';

const centres = { [RIVERSIDE.id]: RIVERSIDE, [HILLVIEW.id]: HILLVIEW };

describe('admin selectors', () => {
  it('shows who still has to set up two-factor sign-in their role requires', () => {
    const rows = selectStaffRows.projector([MANAGER, RECEPTIONIST, CHIRO], centres, ['receptionist', 'chiropractor']);
    expect(rows.map((r) => [r.name, r.twoFactor])).toEqual([
      ['Morgan Hale', 'on'],
      ['Jo Evans', 'missing'],
      ['Dr Alex Morgan', 'on'],
    ]);
    expect(rows[0].centreNames).toBe('Riverside Centre, Hillview Centre');
    expect(rows[2]).toEqual(jasmine.objectContaining({ roleLabel: 'Chiropractor', active: false, awaitingFirstSignIn: true }));
  });

  it('counts active people per role without two-factor', () => {
    const counts = selectTwoFactorByRole.projector([MANAGER, RECEPTIONIST, CHIRO]);
    expect(counts).toEqual([
      { role: 'receptionist', label: 'Receptionist', total: 1, withoutTwoFactor: 1 },
      { role: 'chiropractor', label: 'Chiropractor', total: 0, withoutTwoFactor: 0 },
      { role: 'manager', label: 'Manager', total: 1, withoutTwoFactor: 0 },
    ]);
  });

  it('turns audit events into text rows in UK time, with names for known records', () => {
    const staff = { [MANAGER.id]: MANAGER, [RECEPTIONIST.id]: RECEPTIONIST };
    const [summer, failure] = selectAuditRows.projector([
      auditEvent(2, { at: '2026-07-01T09:15:00.000Z', detail: { from: { role: 'receptionist', centreIds: [RIVERSIDE.id] }, note: '<b>hi</b>' } }),
      auditEvent(1, { at: '2026-01-10T23:30:00.000Z', actorId: null, actorName: null, actorRole: null, action: 'auth.sign-in', entityType: null, entityId: null, outcome: 'failure', ip: null }),
    ], staff, centres);
    expect(summer.time).toBe('1 Jul 2026, 10:15:00');
    expect(summer.entity).toBe('Staff: Jo Evans');
    expect(summer.actor).toBe('Morgan Hale');
    expect(summer.actorRole).toBe('Manager');
    expect(summer.detail).toBe('from.role: receptionist · from.centreIds: Riverside Centre · note: <b>hi</b>');
    expect(summer.problem).toBeFalse();
    expect(failure.time).toBe('10 Jan 2026, 23:30:00');
    expect(failure).toEqual(jasmine.objectContaining({ actor: 'Not signed in', entity: '—', ip: '—', problem: true }));
  });
});
