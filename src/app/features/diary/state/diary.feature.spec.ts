import { appointmentFixture, clinicianFixtures } from '../testing/diary-fixtures';
import { DiaryApiActions, DiaryPageActions } from './diary.actions';
import { dayRange, diaryFeature, initialDiaryState } from './diary.feature';

const reducer = diaryFeature.reducer;
const opened = reducer(initialDiaryState, DiaryPageActions.opened({ centreId: 'c1', timeZone: 'Europe/London', date: '2026-11-26' }));

describe('diary feature', () => {
  it('shows the day it was asked for and drops an answer for a day the user has left', () => {
    const moved = reducer(opened, DiaryPageActions.dateChanged({ date: '2026-11-27' }));
    const late = reducer(moved, DiaryApiActions.dayLoaded({ centreId: 'c1', date: '2026-11-26', appointments: [appointmentFixture()] }));
    expect(late.ids).toEqual([]);
    expect(late.status).toBe('loading');
    const current = reducer(late, DiaryApiActions.dayLoaded({ centreId: 'c1', date: '2026-11-27', appointments: [appointmentFixture({ start: '2026-11-27T10:00:00.000Z' })] }));
    expect(current.ids).toEqual(['a1']);
    expect(current.status).toBe('loaded');
  });

  it('removes an appointment moved to another day and keeps one moved within the day', () => {
    const loaded = reducer(opened, DiaryApiActions.dayLoaded({ centreId: 'c1', date: '2026-11-26', appointments: [appointmentFixture(), appointmentFixture({ id: 'a2' })] }));
    const within = reducer(loaded, DiaryPageActions.appointmentSaved({ appointment: appointmentFixture({ start: '2026-11-26T14:00:00.000Z', end: '2026-11-26T14:45:00.000Z', version: 2 }) }));
    expect(within.entities['a1']?.version).toBe(2);
    const away = reducer(within, DiaryPageActions.appointmentSaved({ appointment: appointmentFixture({ id: 'a2', start: '2026-12-01T09:00:00.000Z' }) }));
    expect(away.ids).toEqual(['a1']);
  });

  it('uses the centre\'s local day: 23:30 UTC in summer is the next day in London', () => {
    const summer = reducer(initialDiaryState, DiaryPageActions.opened({ centreId: 'c1', timeZone: 'Europe/London', date: '2026-07-02' }));
    const late = reducer(summer, DiaryPageActions.appointmentSaved({ appointment: appointmentFixture({ start: '2026-07-01T23:30:00.000Z', end: '2026-07-02T00:15:00.000Z' }) }));
    expect(late.ids).toEqual(['a1']);
  });

  it('marks an appointment pending while its change is on the way, and clears it on failure', () => {
    const pending = reducer(opened, DiaryPageActions.attendedClicked({ appointment: appointmentFixture() }));
    expect(pending.pendingIds).toEqual(['a1']);
    const failed = reducer(pending, DiaryApiActions.appointmentUpdateFailed({ id: 'a1', error: { status: 412, code: 'stale', message: 'x', fields: {} } }));
    expect(failed.pendingIds).toEqual([]);
  });

  describe('selectColumns', () => {
    it('gives every working clinician a column, even with nothing booked', () => {
      const columns = diaryFeature.selectColumns.projector(clinicianFixtures, [appointmentFixture()]);
      expect(columns.map((c) => c.clinician.name)).toEqual(['Dr Alex Morgan', 'Dr Tom Baker']);
      expect(columns[0]!.appointments.length).toBe(1);
      expect(columns[1]!.appointments.length).toBe(0);
    });

    it('adds a column for a clinician who has a booking but is not in the list', () => {
      const columns = diaryFeature.selectColumns.projector([], [appointmentFixture({ clinicianId: 'k9', clinicianName: 'Dr Locum' })]);
      expect(columns.map((c) => c.clinician.name)).toEqual(['Dr Locum']);
    });
  });

  it('keeps cancelled appointments off the grid', () => {
    const all = [appointmentFixture(), appointmentFixture({ id: 'a2', status: 'cancelled' })];
    expect(diaryFeature.selectActiveAppointments.projector(all).map((a) => a.id)).toEqual(['a1']);
    expect(diaryFeature.selectCancelled.projector(all).map((a) => a.id)).toEqual(['a2']);
  });

  it('stretches the day to fit appointments outside 08:00 to 18:00', () => {
    expect(dayRange([], 'Europe/London')).toEqual({ from: 480, to: 1080 });
    const early = appointmentFixture({ start: '2026-11-26T07:30:00.000Z', end: '2026-11-26T07:50:00.000Z' });
    const late = appointmentFixture({ start: '2026-11-26T18:30:00.000Z', end: '2026-11-26T19:15:00.000Z' });
    expect(dayRange([early, late], 'Europe/London')).toEqual({ from: 420, to: 1200 });
  });
});
