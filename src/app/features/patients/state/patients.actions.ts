import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Patient, PatientDetail, PatientInput, PatientPage } from '../../../../shared/api/diary';
import type { ApiError } from '../../../core/http-error';

export const PatientsPageActions = createActionGroup({
  source: 'Patients Page',
  events: {
    Opened: emptyProps(),
    'Search Changed': props<{ q: string }>(),
    'Page Changed': props<{ pageIndex: number; pageSize: number }>(),
    'Retry Clicked': emptyProps(),
    'Patient Created': props<{ patient: Patient }>(),
  },
});

export const PatientPageActions = createActionGroup({
  source: 'Patient Page',
  events: {
    Opened: props<{ id: string }>(),
    'Save Submitted': props<{ id: string; version: number; input: PatientInput }>(),
    /** After a 412: fetch the copy someone else saved, keeping the user's typing in the form. */
    'Reload Latest Clicked': props<{ id: string }>(),
    /** After a 412 the user chose the other person's copy over their own typing. */
    'Latest Accepted': props<{ patient: Patient }>(),
    'Merge Confirmed': props<{ id: string; version: number; duplicateId: string; duplicateVersion: number }>(),
    'Anonymise Confirmed': props<{ id: string; version: number; reason: string }>(),
    'Export Clicked': props<{ id: string }>(),
  },
});

export const PatientsApiActions = createActionGroup({
  source: 'Patients API',
  events: {
    'Page Loaded': props<{ page: PatientPage }>(),
    'Page Load Failed': props<{ error: ApiError }>(),
    'Detail Loaded': props<{ detail: PatientDetail }>(),
    'Detail Load Failed': props<{ error: ApiError }>(),
    'Patient Saved': props<{ patient: Patient }>(),
    'Save Failed': props<{ error: ApiError }>(),
    'Latest Loaded': props<{ detail: PatientDetail }>(),
    'Latest Load Failed': props<{ error: ApiError }>(),
    'Merge Succeeded': props<{ detail: PatientDetail }>(),
    'Merge Failed': props<{ error: ApiError }>(),
    'Anonymise Succeeded': props<{ patient: Patient }>(),
    'Anonymise Failed': props<{ error: ApiError }>(),
    'Export Downloaded': props<{ id: string }>(),
    'Export Failed': props<{ error: ApiError }>(),
  },
});
