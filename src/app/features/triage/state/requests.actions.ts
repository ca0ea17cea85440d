import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type {
  AttemptInput, CloseInput, QueuePage, RequestDetail, RequestSummary, RequestUpdate, StaffRef,
} from '../../../../shared/api/requests';
import type { ApiError } from '../../../core/http-error';
import type { QueueFilters } from './queue-filters';

/** The writes on one request; the detail panel shows which one is saving or failed. */
export type RequestWrite = 'acknowledge' | 'attempt' | 'close' | 'reopen' | 'link' | 'release' | 'restore' | 'edit' | 'reassign';

export const TriageQueueActions = createActionGroup({
  source: 'Triage Queue',
  events: {
    Opened: props<{ filters: QueueFilters }>(),
    'Filters Changed': props<{ filters: Partial<QueueFilters> }>(),
    'Filters Reset': emptyProps(),
    'Next Page Requested': emptyProps(),
    'Retry Clicked': emptyProps(),
    'Row Focused': props<{ id: string }>(),
    /** Optimistic: the row shows the user as holder at once; `request` is the copy to roll back to. */
    'Claim Clicked': props<{ request: RequestSummary; me: StaffRef }>(),
    'Restore Clicked': props<{ id: string; version: number }>(),
  },
});

export const RequestDetailActions = createActionGroup({
  source: 'Request Detail',
  events: {
    Opened: props<{ id: string }>(),
    Closed: emptyProps(),
    'Claim Clicked': props<{ request: RequestSummary; me: StaffRef }>(),
    'Release Clicked': props<{ id: string; version: number }>(),
    'Acknowledge Clicked': props<{ id: string; version: number }>(),
    'Attempt Submitted': props<{ id: string; version: number; input: AttemptInput }>(),
    'Close Submitted': props<{ id: string; version: number; input: CloseInput }>(),
    'Reopen Clicked': props<{ id: string; version: number }>(),
    'Link Patient Clicked': props<{ id: string; version: number; patientId: string | null }>(),
    /** Corrected contact details, centre, kind, preferences or message. */
    'Details Submitted': props<{ id: string; version: number; input: RequestUpdate }>(),
    /** Managers: give the request to another member of the desk. */
    'Reassign Submitted': props<{ id: string; version: number; staffId: string }>(),
    /** After a 412: take the fresh copy; the forms keep what the user typed. */
    'Use Latest Clicked': emptyProps(),
  },
});

/** Changes other people made, pushed over the event stream. */
export const RequestsLiveActions = createActionGroup({
  source: 'Requests Live',
  events: {
    /** A request changed and still belongs on this user's list (or has just joined it). */
    'Request Changed': props<{ request: RequestSummary }>(),
    /** A request changed and no longer belongs on the list (closed, claimed under "unassigned", gone). */
    'Request Left': props<{ id: string }>(),
    /** The open detail panel's request changed underneath the user. */
    'Open Request Changed': props<{ request: RequestDetail }>(),
    /** The stream came back after a gap: whatever happened meanwhile is unknown, so reload. */
    Reconnected: emptyProps(),
  },
});

export const RequestsApiActions = createActionGroup({
  source: 'Requests API',
  events: {
    'Queue Loaded': props<{ page: QueuePage }>(),
    'Queue Load Failed': props<{ error: ApiError }>(),
    'Page Loaded': props<{ page: QueuePage; offset: number }>(),
    'Page Load Failed': props<{ error: ApiError }>(),
    'Detail Loaded': props<{ request: RequestDetail }>(),
    'Detail Load Failed': props<{ id: string; error: ApiError }>(),
    'Claim Succeeded': props<{ request: RequestDetail }>(),
    'Claim Failed': props<{ previous: RequestSummary; error: ApiError }>(),
    'Write Succeeded': props<{ write: RequestWrite; request: RequestDetail }>(),
    'Write Failed': props<{ write: RequestWrite; id: string; error: ApiError }>(),
    /** The fresh copy fetched after a 412, offered to the user rather than forced on them. */
    'Latest Loaded': props<{ request: RequestDetail }>(),
    /** A quiet re-read after a refused claim, so the row shows who really holds it. */
    'Request Refreshed': props<{ request: RequestDetail }>(),
  },
});

/** The actions that write to one request, each with the name its progress is shown under. */
export const WRITE_ACTIONS = [
  [RequestDetailActions.acknowledgeClicked, 'acknowledge'],
  [RequestDetailActions.attemptSubmitted, 'attempt'],
  [RequestDetailActions.closeSubmitted, 'close'],
  [RequestDetailActions.reopenClicked, 'reopen'],
  [RequestDetailActions.linkPatientClicked, 'link'],
  [RequestDetailActions.releaseClicked, 'release'],
  [RequestDetailActions.detailsSubmitted, 'edit'],
  [RequestDetailActions.reassignSubmitted, 'reassign'],
  [TriageQueueActions.restoreClicked, 'restore'],
] as const;

const WRITE_BY_TYPE = new Map<string, RequestWrite>(WRITE_ACTIONS.map(([creator, write]) => [creator.type, write]));

export function writeOf(action: { type: string }): RequestWrite {
  const write = WRITE_BY_TYPE.get(action.type);
  if (!write) throw new Error(`${action.type} is not a request write`);
  return write;
}
