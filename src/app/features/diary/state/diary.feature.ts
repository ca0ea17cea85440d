import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Appointment, AppointmentType, Clinician } from '../../../../shared/api/diary';
import { dayIn, minutesInDay } from '../time';
import { DiaryApiActions, DiaryPageActions } from './diary.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface DiaryState extends EntityState<Appointment> {
  /** The diary page is on screen: live changes reload it. */
  active: boolean;
  centreId: string | null;
  /** The centre's time zone: the day and the grid are in its local time. */
  timeZone: string;
  date: string;
  status: LoadStatus;
  error: string | null;
  clinicians: Clinician[];
  cliniciansCentreId: string | null;
  types: AppointmentType[];
  /** Appointments with a change on its way to the server. */
  pendingIds: string[];
}

export const appointmentsAdapter = createEntityAdapter<Appointment>({
  sortComparer: (a, b) => a.start.localeCompare(b.start) || a.clinicianName.localeCompare(b.clinicianName),
});

export const initialDiaryState: DiaryState = appointmentsAdapter.getInitialState({
  active: false, centreId: null, timeZone: 'Europe/London', date: '', status: 'idle', error: null,
  clinicians: [], cliniciansCentreId: null, types: [], pendingIds: [],
});

/** Only appointments of the centre and day on screen belong in the list. */
function belongsOnScreen(state: DiaryState, appointment: Appointment): boolean {
  return appointment.centreId === state.centreId && dayIn(appointment.start, state.timeZone) === state.date;
}

function upsertOrRemove(state: DiaryState, appointment: Appointment): DiaryState {
  const pendingIds = state.pendingIds.filter((id) => id !== appointment.id);
  return belongsOnScreen(state, appointment)
    ? appointmentsAdapter.upsertOne(appointment, { ...state, pendingIds })
    : appointmentsAdapter.removeOne(appointment.id, { ...state, pendingIds });
}

export interface ClinicianColumn {
  clinician: Clinician;
  appointments: Appointment[];
}

export interface DayRange {
  /** Minutes after midnight, centre local time, rounded to whole hours. */
  from: number;
  to: number;
}

export const diaryFeature = createFeature({
  name: 'diary',
  reducer: createReducer(
    initialDiaryState,
    on(DiaryPageActions.opened, (state, { centreId, timeZone, date }): DiaryState => {
      const same = state.centreId === centreId && state.date === date;
      const base = same ? state : appointmentsAdapter.removeAll(state);
      return { ...base, active: true, centreId, timeZone, date, status: centreId ? 'loading' : 'idle', error: null };
    }),
    on(DiaryPageActions.closed, (state): DiaryState => ({ ...state, active: false })),
    on(DiaryPageActions.dateChanged, (state, { date }): DiaryState =>
      appointmentsAdapter.removeAll({ ...state, date, status: state.centreId ? 'loading' : 'idle', error: null })),
    on(DiaryPageActions.centreChanged, (state, { centreId, timeZone }): DiaryState =>
      appointmentsAdapter.removeAll({ ...state, centreId, timeZone, status: 'loading', error: null })),
    on(DiaryPageActions.refreshClicked, (state): DiaryState => ({ ...state, status: 'loading', error: null })),
    on(DiaryApiActions.dayLoaded, (state, { centreId, date, appointments }): DiaryState =>
      // An answer for a day the user has already left is dropped.
      centreId === state.centreId && date === state.date
        ? appointmentsAdapter.setAll(appointments, { ...state, status: 'loaded', error: null })
        : state),
    on(DiaryApiActions.dayLoadFailed, (state, { error }): DiaryState => ({ ...state, status: 'failed', error: error.message })),
    on(DiaryApiActions.cliniciansLoaded, (state, { centreId, clinicians }): DiaryState => ({ ...state, clinicians, cliniciansCentreId: centreId })),
    on(DiaryApiActions.typesLoaded, (state, { types }): DiaryState => ({ ...state, types })),
    on(DiaryPageActions.cancelConfirmed, DiaryPageActions.attendedClicked, DiaryPageActions.didNotAttendClicked, (state, { appointment }): DiaryState => ({
      ...state, pendingIds: [...state.pendingIds, appointment.id],
    })),
    on(DiaryApiActions.appointmentUpdated, DiaryPageActions.appointmentSaved, (state, { appointment }): DiaryState => upsertOrRemove(state, appointment)),
    on(DiaryApiActions.appointmentUpdateFailed, (state, { id }): DiaryState => ({ ...state, pendingIds: state.pendingIds.filter((p) => p !== id) })),
  ),
  extraSelectors: ({ selectDiaryState, selectClinicians }) => {
    const { selectAll } = appointmentsAdapter.getSelectors(selectDiaryState);
    const selectAppointments = selectAll;
    /** Cancelled appointments leave the grid (their time is free again) but stay listed below it. */
    const selectActiveAppointments = createSelector(selectAppointments, (all) => all.filter((a) => a.status !== 'cancelled'));
    const selectCancelled = createSelector(selectAppointments, (all) => all.filter((a) => a.status === 'cancelled'));
    /** One column per clinician working at the centre, plus any clinician with a booking that day. */
    const selectColumns = createSelector(selectClinicians, selectActiveAppointments, (clinicians, appointments): ClinicianColumn[] => {
      const columns = new Map<string, ClinicianColumn>(clinicians.map((c) => [c.id, { clinician: c, appointments: [] }]));
      for (const a of appointments) {
        let column = columns.get(a.clinicianId);
        if (!column) {
          column = { clinician: { id: a.clinicianId, name: a.clinicianName, centreIds: [a.centreId] }, appointments: [] };
          columns.set(a.clinicianId, column);
        }
        column.appointments.push(a);
      }
      return [...columns.values()];
    });
    return { selectAppointments, selectActiveAppointments, selectCancelled, selectColumns };
  },
});

/** The hours the grid shows: 8:00 to 18:00, stretched to fit any appointment outside them. */
export function dayRange(appointments: readonly Appointment[], timeZone: string): DayRange {
  let from = 8 * 60;
  let to = 18 * 60;
  for (const a of appointments) {
    from = Math.min(from, Math.floor(minutesInDay(a.start, timeZone) / 60) * 60);
    const end = minutesInDay(a.end, timeZone);
    to = Math.max(to, Math.ceil((end === 0 ? 24 * 60 : end) / 60) * 60);
  }
  return { from, to };
}
