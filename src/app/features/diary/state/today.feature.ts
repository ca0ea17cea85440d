import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import type { Appointment } from '../../../../shared/api/diary';
import { DiaryApiActions, TodayPageActions } from './diary.actions';
import type { LoadStatus } from './diary.feature';

export interface TodayState extends EntityState<Appointment> {
  active: boolean;
  /** A manager may look at any chiropractor's day; null is the signed-in user's own. */
  clinicianId: string | null;
  date: string | null;
  status: LoadStatus;
  error: string | null;
  pendingIds: string[];
}

const adapter = createEntityAdapter<Appointment>({ sortComparer: (a, b) => a.start.localeCompare(b.start) });

export const initialTodayState: TodayState = adapter.getInitialState({
  active: false, clinicianId: null, date: null, status: 'idle', error: null, pendingIds: [],
});

export const todayFeature = createFeature({
  name: 'today',
  reducer: createReducer(
    initialTodayState,
    on(TodayPageActions.opened, (state, { clinicianId }): TodayState => ({
      ...(state.clinicianId === clinicianId ? state : adapter.removeAll(state)),
      active: true, clinicianId, status: 'loading', error: null,
    })),
    on(TodayPageActions.closed, (state): TodayState => ({ ...state, active: false })),
    on(TodayPageActions.clinicianChanged, (state, { clinicianId }): TodayState =>
      adapter.removeAll({ ...state, clinicianId, status: 'loading', error: null })),
    on(TodayPageActions.refreshClicked, (state): TodayState => ({ ...state, status: 'loading', error: null })),
    on(DiaryApiActions.todayLoaded, (state, { today }): TodayState =>
      adapter.setAll(today.appointments, { ...state, date: today.date, status: 'loaded', error: null })),
    on(DiaryApiActions.todayLoadFailed, (state, { error }): TodayState => ({ ...state, status: 'failed', error: error.message })),
    on(TodayPageActions.attendedClicked, TodayPageActions.didNotAttendClicked, (state, { appointment }): TodayState => ({
      ...state, pendingIds: [...state.pendingIds, appointment.id],
    })),
    on(DiaryApiActions.appointmentUpdated, (state, { appointment }): TodayState =>
      state.entities[appointment.id]
        ? adapter.upsertOne(appointment, { ...state, pendingIds: state.pendingIds.filter((id) => id !== appointment.id) })
        : state),
    on(DiaryApiActions.appointmentUpdateFailed, (state, { id }): TodayState => ({ ...state, pendingIds: state.pendingIds.filter((p) => p !== id) })),
  ),
  extraSelectors: ({ selectTodayState }) => {
    const { selectAll } = adapter.getSelectors(selectTodayState);
    return { selectTodayAppointments: selectAll };
  },
});
