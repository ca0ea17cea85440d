import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ExamContent } from '../../../../shared/exam';
import type { ApiError } from '../../../core/http-error';
import type { ProgressVisit, Visit } from '../data/visits-api';

export const ExamPageActions = createActionGroup({
  source: 'Exam Page',
  events: {
    Opened: props<{ visitId: string }>(),
    Closed: emptyProps(),
    /** The form changed and has settled; its content is already in the local draft. */
    'Draft Changed': props<{ visitId: string }>(),
    /** The form changed but some fields are out of range: kept locally, not sent. */
    'Draft Held': props<{ visitId: string }>(),
    'Retry Clicked': props<{ visitId: string }>(),
    'Load Theirs Clicked': props<{ visitId: string }>(),
    'Keep Mine Clicked': props<{ visitId: string }>(),
    'Sign Clicked': props<{ visitId: string }>(),
    'Addendum Submitted': props<{ visitId: string; text: string }>(),
  },
});

/** Things that happen to the autosave without the clinician doing anything. */
export const ExamAutosaveActions = createActionGroup({
  source: 'Exam Autosave',
  events: {
    /** An unsent local draft was found on opening the visit; its content replaces the server's in the form. */
    'Draft Restored': props<{ visitId: string; content: ExamContent; changedAt: string }>(),
    /** A local draft exists for a visit that is already signed: it can no longer be sent. */
    'Stranded Draft Found': props<{ visitId: string; changedAt: string }>(),
    'Connection Restored': props<{ visitId: string }>(),
    'Retry Timer Fired': props<{ visitId: string }>(),
  },
});

export const ProgressPageActions = createActionGroup({
  source: 'Progress Page',
  events: {
    Opened: props<{ patientId: string }>(),
    'Retry Clicked': props<{ patientId: string }>(),
  },
});

export const VisitsApiActions = createActionGroup({
  source: 'Visits API',
  events: {
    'Visit Loaded': props<{ visit: Visit }>(),
    'Visit Load Failed': props<{ visitId: string; error: ApiError }>(),
    'Save Started': props<{ visitId: string; rev: number }>(),
    'Save Succeeded': props<{ visit: Visit; rev: number }>(),
    'Save Failed': props<{ visitId: string; rev: number; error: ApiError }>(),
    /** After a 412: the version someone else saved, fetched so the clinician can choose. */
    'Conflict Found': props<{ theirs: Visit }>(),
    'Conflict Load Failed': props<{ visitId: string; error: ApiError }>(),
    'Sign Succeeded': props<{ visit: Visit }>(),
    'Sign Failed': props<{ visitId: string; error: ApiError }>(),
    'Addendum Added': props<{ visit: Visit }>(),
    'Addendum Failed': props<{ visitId: string; error: ApiError }>(),
    'Progress Loaded': props<{ patientId: string; visits: ProgressVisit[] }>(),
    'Progress Load Failed': props<{ patientId: string; error: ApiError }>(),
  },
});
