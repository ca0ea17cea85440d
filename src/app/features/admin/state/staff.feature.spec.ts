import type { ApiError } from '../../../core/http-error';
import { CHIRO, MANAGER, RECEPTIONIST } from '../testing/fixtures';
import { StaffApiActions, StaffDialogActions, StaffPageActions } from './staff.actions';
import { initialStaffState, staffFeature, type StaffState } from './staff.feature';

const reducer = staffFeature.reducer;
const stale: ApiError = { status: 412, code: 'stale_version', message: 'Someone else saved a newer version of this record.', fields: {} };

function loaded(): StaffState {
  return reducer(initialStaffState, StaffApiActions.staffLoaded({ staff: [RECEPTIONIST, MANAGER, CHIRO] }));
}

describe('staff reducer', () => {
  it('lists staff by name once loaded', () => {
    const state = loaded();
    expect(state.loadStatus).toBe('loaded');
    expect(staffFeature.selectAllStaff.projector(state).map((s) => s.name)).toEqual(['Dr Alex Morgan', 'Jo Evans', 'Morgan Hale']);
  });

  it('keeps a loaded list on screen while it refreshes', () => {
    expect(reducer(loaded(), StaffPageActions.opened()).loadStatus).toBe('loaded');
    expect(reducer(initialStaffState, StaffPageActions.opened()).loadStatus).toBe('loading');
  });

  it('holds the one-time password after creating someone, and forgets it when the dialog closes', () => {
    let state = reducer(loaded(), StaffDialogActions.createSubmitted({ input: { name: 'Casey', email: 'c@x.uk', role: 'receptionist', centreIds: ['c1'] } }));
    expect(state.dialog.status).toBe('saving');
    const casey = { ...RECEPTIONIST, id: 's-casey', name: 'Casey Jones' };
    state = reducer(state, StaffApiActions.staffCreated({ staff: casey, oneTimePassword: 'abcd-efgh-ijkl' }));
    expect(state.dialog).toEqual(jasmine.objectContaining({ status: 'saved', oneTimePassword: 'abcd-efgh-ijkl' }));
    expect(state.entities['s-casey']?.name).toBe('Casey Jones');
    state = reducer(state, StaffDialogActions.closed());
    expect(state.dialog.oneTimePassword).toBeNull();
  });

  it('treats a 412 as "someone else saved first", and other failures as plain errors', () => {
    const saving = reducer(loaded(), StaffDialogActions.updateSubmitted({ id: RECEPTIONIST.id, version: 2, input: { name: 'Jo', role: 'receptionist', centreIds: ['c1'], active: true } }));
    expect(reducer(saving, StaffApiActions.dialogRequestFailed({ error: stale })).dialog.status).toBe('stale');
    const refused: ApiError = { status: 400, code: 'invalid_input', message: 'Some fields need correcting.', fields: { role: 'No.' } };
    expect(reducer(saving, StaffApiActions.dialogRequestFailed({ error: refused })).dialog).toEqual(jasmine.objectContaining({ status: 'failed', error: refused }));
  });

  it('keeps the fresh copy after a 412 and shows it in the list', () => {
    const fresh = { ...RECEPTIONIST, role: 'chiropractor' as const, version: 3 };
    let state = reducer(loaded(), StaffApiActions.dialogRequestFailed({ error: stale }));
    state = reducer(state, StaffDialogActions.reloadLatestClicked({ id: RECEPTIONIST.id }));
    expect(staffFeature.selectDialogBusy.projector(state.dialog)).toBeTrue();
    state = reducer(state, StaffApiActions.latestLoaded({ staff: fresh }));
    expect(state.dialog.latest).toEqual(fresh);
    expect(state.dialog.status).toBe('idle');
    expect(state.entities[RECEPTIONIST.id]?.version).toBe(3);
  });
});
