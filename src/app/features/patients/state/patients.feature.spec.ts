import { appointmentFixture, patientFixture } from '../../diary/testing/diary-fixtures';
import { PatientPageActions, PatientsApiActions, PatientsPageActions } from './patients.actions';
import { initialPatientsState, patientsFeature } from './patients.feature';

const reducer = patientsFeature.reducer;
const detail = { patient: patientFixture(), appointments: [], requestIds: ['r1'], mergedFrom: [] };
const stale = { status: 412, code: 'stale', message: 'Someone else saved first.', fields: {} };

describe('patients feature', () => {
  it('starts a new search on the first page', () => {
    const paged = reducer(initialPatientsState, PatientsPageActions.pageChanged({ pageIndex: 3, pageSize: 50 }));
    const searched = reducer(paged, PatientsPageActions.searchChanged({ q: 'morris' }));
    expect(searched.pageIndex).toBe(0);
    expect(searched.pageSize).toBe(50);
    expect(searched.q).toBe('morris');
  });

  it('keeps the server\'s order and total for a page', () => {
    const rows = [{ ...patientFixture({ id: 'p2', familyName: 'Zed' }), largePrint: false, anonymised: false }, { ...patientFixture(), largePrint: false, anonymised: false }];
    const state = reducer(initialPatientsState, PatientsApiActions.pageLoaded({ page: { items: rows, total: 120 } }));
    expect(state.ids).toEqual(['p2', 'p1']);
    expect(state.total).toBe(120);
  });

  it('goes stale on a 412, keeps the fresh copy beside the user\'s, and settles when they choose theirs', () => {
    let state = reducer(initialPatientsState, PatientPageActions.opened({ id: 'p1' }));
    state = reducer(state, PatientsApiActions.detailLoaded({ detail }));
    state = reducer(state, PatientPageActions.saveSubmitted({ id: 'p1', version: 3, input: { centreId: 'c1', givenName: 'C', familyName: 'M', dateOfBirth: '1980-03-14' } }));
    state = reducer(state, PatientsApiActions.saveFailed({ error: stale }));
    expect(state.record.saveStatus).toBe('stale');
    const theirs = patientFixture({ phone: '07700 900999', version: 4 });
    state = reducer(state, PatientsApiActions.latestLoaded({ detail: { ...detail, patient: theirs } }));
    expect(state.record.saveStatus).toBe('stale');
    expect(state.record.latest).toEqual(theirs);
    expect(state.record.detail?.patient.version).toBe(3);
    state = reducer(state, PatientPageActions.latestAccepted({ patient: theirs }));
    expect(state.record.saveStatus).toBe('idle');
    expect(state.record.detail?.patient.version).toBe(4);
  });

  it('lists the newest appointment first', () => {
    const older = appointmentFixture({ id: 'a1', start: '2026-10-01T09:00:00.000Z' });
    const newer = appointmentFixture({ id: 'a2', start: '2026-12-01T09:00:00.000Z' });
    expect(patientsFeature.selectAppointments.projector({ ...detail, appointments: [older, newer] }).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(patientsFeature.selectAppointments.projector(null)).toEqual([]);
  });
});
