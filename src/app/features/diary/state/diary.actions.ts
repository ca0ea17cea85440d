import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Appointment, AppointmentType, Clinician, Today } from '../../../../shared/api/diary';
import type { ApiError } from '../../../core/http-error';

export const DiaryPageActions = createActionGroup({
  source: 'Diary Page',
  events: {
    Opened: props<{ centreId: string | null; timeZone: string; date: string }>(),
    Closed: emptyProps(),
    'Date Changed': props<{ date: string }>(),
    'Centre Changed': props<{ centreId: string; timeZone: string }>(),
    'Refresh Clicked': emptyProps(),
    'Cancel Confirmed': props<{ appointment: Appointment; reason: string }>(),
    'Attended Clicked': props<{ appointment: Appointment }>(),
    'Did Not Attend Clicked': props<{ appointment: Appointment }>(),
    /** Booked or moved through a dialog, which talks to the API itself (it must handle 409 there). */
    'Appointment Saved': props<{ appointment: Appointment }>(),
  },
});

export const TodayPageActions = createActionGroup({
  source: 'Today Page',
  events: {
    Opened: props<{ clinicianId: string | null }>(),
    Closed: emptyProps(),
    'Clinician Changed': props<{ clinicianId: string | null }>(),
    'Refresh Clicked': emptyProps(),
    'Attended Clicked': props<{ appointment: Appointment }>(),
    'Did Not Attend Clicked': props<{ appointment: Appointment }>(),
  },
});

export const DiaryApiActions = createActionGroup({
  source: 'Diary API',
  events: {
    'Day Loaded': props<{ centreId: string; date: string; appointments: Appointment[] }>(),
    'Day Load Failed': props<{ error: ApiError }>(),
    'Clinicians Loaded': props<{ centreId: string; clinicians: Clinician[] }>(),
    'Clinicians Load Failed': props<{ error: ApiError }>(),
    'Types Loaded': props<{ types: AppointmentType[] }>(),
    'Types Load Failed': props<{ error: ApiError }>(),
    'Appointment Updated': props<{ appointment: Appointment }>(),
    'Appointment Update Failed': props<{ id: string; error: ApiError }>(),
    'Today Loaded': props<{ today: Today }>(),
    'Today Load Failed': props<{ error: ApiError }>(),
  },
});

export const DiaryLiveActions = createActionGroup({
  source: 'Diary Live',
  events: {
    /** Another screen changed an appointment (or the stream reconnected: centreId null, id null). */
    'Appointment Changed': props<{ id: string | null; centreId: string | null }>(),
  },
});
