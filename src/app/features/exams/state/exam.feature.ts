import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ExamContent } from '../../../../shared/exam';
import type { ApiError } from '../../../core/http-error';
import type { Visit } from '../data/visits-api';
import { ExamAutosaveActions, ExamPageActions, VisitsApiActions } from './exams.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

/**
 * Where the server copy stands. 'pending' = changes kept locally, waiting to go; 'offline' and
 * 'error' retry by themselves; 'invalid' waits for the clinician to fix a field; 'conflict'
 * waits for a choice; 'locked' = signed (here or elsewhere), nothing more is sent.
 */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'invalid' | 'error' | 'conflict' | 'locked';

export interface ExamState {
  visitId: string | null;
  /** The server's copy as last confirmed (its version is what the next save names). */
  visit: Visit | null;
  loadStatus: LoadStatus;
  loadError: string | null;
  /** What the form should show; replaced only on load, on restoring a local draft, or on "load theirs". */
  formContent: ExamContent | null;
  /** Bumped whenever formContent is replaced, so the page rebuilds its form exactly then. */
  formSeed: number;
  saveStatus: SaveStatus;
  /** The newest local revision the server has confirmed. */
  savedRev: number;
  lastSavedAt: string | null;
  saveError: ApiError | null;
  /** Someone else's newer version after a 412; null while it is being fetched. */
  conflict: Visit | null;
  restoredAt: string | null;
  strandedDraftAt: string | null;
  signing: boolean;
  signError: ApiError | null;
  addendumSaving: boolean;
  addendumError: string | null;
  /** Bumped after an addendum is stored, so the page clears its text box. */
  addendumSeed: number;
}

export const initialExamState: ExamState = {
  visitId: null,
  visit: null,
  loadStatus: 'idle',
  loadError: null,
  formContent: null,
  formSeed: 0,
  saveStatus: 'idle',
  savedRev: 0,
  lastSavedAt: null,
  saveError: null,
  conflict: null,
  restoredAt: null,
  strandedDraftAt: null,
  signing: false,
  signError: null,
  addendumSaving: false,
  addendumError: null,
  addendumSeed: 0,
};

function failedSaveStatus(error: ApiError): SaveStatus {
  if (error.status === 0) return 'offline';
  if (error.status === 412) return 'conflict';
  if (error.status === 409) return 'locked';
  if (error.status === 400 || error.status === 422) return 'invalid';
  return 'error';
}

/** Only the visit on screen; a late answer about another visit is ignored. */
function forOpenVisit(state: ExamState, visitId: string, next: () => ExamState): ExamState {
  return state.visitId === visitId ? next() : state;
}

export const examFeature = createFeature({
  name: 'exam',
  reducer: createReducer(
    initialExamState,
    on(ExamPageActions.opened, (_state, { visitId }): ExamState => ({ ...initialExamState, visitId, loadStatus: 'loading' })),
    on(ExamPageActions.closed, (): ExamState => initialExamState),
    on(VisitsApiActions.visitLoaded, (state, { visit }): ExamState =>
      forOpenVisit(state, visit.id, () => ({
        ...state,
        visit,
        loadStatus: 'loaded',
        loadError: null,
        formContent: visit.content,
        formSeed: state.formSeed + 1,
        saveStatus: visit.status === 'signed' ? 'locked' : state.saveStatus === 'locked' ? 'locked' : 'idle',
        lastSavedAt: visit.updatedAt,
      }))),
    on(VisitsApiActions.visitLoadFailed, (state, { visitId, error }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, loadStatus: 'failed', loadError: error.message }))),
    on(ExamAutosaveActions.draftRestored, (state, { visitId, content, changedAt }): ExamState =>
      forOpenVisit(state, visitId, () => ({
        ...state, formContent: content, formSeed: state.formSeed + 1, restoredAt: changedAt, saveStatus: 'pending',
      }))),
    on(ExamAutosaveActions.strandedDraftFound, (state, { visitId, changedAt }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, strandedDraftAt: changedAt }))),
    on(ExamPageActions.draftChanged, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () =>
        state.saveStatus === 'conflict' || state.saveStatus === 'locked' || state.saveStatus === 'offline'
          ? state
          : { ...state, saveStatus: 'pending', saveError: null })),
    on(ExamPageActions.draftHeld, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () =>
        state.saveStatus === 'conflict' || state.saveStatus === 'locked' ? state : { ...state, saveStatus: 'invalid', saveError: null })),
    on(VisitsApiActions.saveStarted, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, saveStatus: 'saving' }))),
    on(VisitsApiActions.saveSucceeded, (state, { visit, rev }): ExamState =>
      forOpenVisit(state, visit.id, () => ({
        ...state,
        visit,
        saveStatus: 'saved',
        savedRev: Math.max(state.savedRev, rev),
        lastSavedAt: visit.updatedAt,
        saveError: null,
      }))),
    on(VisitsApiActions.saveFailed, (state, { visitId, error }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, saveStatus: failedSaveStatus(error), saveError: error, conflict: null }))),
    on(VisitsApiActions.conflictFound, (state, { theirs }): ExamState =>
      forOpenVisit(state, theirs.id, () =>
        theirs.status === 'signed'
          ? {
              // Signed elsewhere: nothing more can be saved. Show what was signed; the unsent
              // edits stay in this browser's draft and the page says so.
              ...state,
              visit: theirs,
              formContent: theirs.content,
              formSeed: state.formSeed + 1,
              conflict: null,
              saveStatus: 'locked',
              strandedDraftAt: theirs.updatedAt,
            }
          : { ...state, conflict: theirs, saveStatus: 'conflict' })),
    on(ExamPageActions.loadTheirsClicked, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () =>
        state.conflict === null
          ? state
          : {
              ...state,
              visit: state.conflict,
              formContent: state.conflict.content,
              formSeed: state.formSeed + 1,
              conflict: null,
              saveStatus: 'saved',
              saveError: null,
              lastSavedAt: state.conflict.updatedAt,
            })),
    on(ExamPageActions.keepMineClicked, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () =>
        // Their version becomes the base; the form keeps what the clinician typed.
        state.conflict === null ? state : { ...state, visit: state.conflict, conflict: null, saveStatus: 'pending', saveError: null })),
    on(ExamPageActions.retryClicked, ExamAutosaveActions.connectionRestored, ExamAutosaveActions.retryTimerFired, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () =>
        state.saveStatus === 'offline' || state.saveStatus === 'error' ? { ...state, saveStatus: 'pending' } : state)),
    on(ExamPageActions.signClicked, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, signing: true, signError: null }))),
    on(VisitsApiActions.signSucceeded, (state, { visit }): ExamState =>
      forOpenVisit(state, visit.id, () => ({
        ...state, visit, signing: false, signError: null, saveStatus: 'locked', lastSavedAt: visit.updatedAt,
      }))),
    on(VisitsApiActions.signFailed, (state, { visitId, error }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, signing: false, signError: error }))),
    on(ExamPageActions.addendumSubmitted, (state, { visitId }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, addendumSaving: true, addendumError: null }))),
    on(VisitsApiActions.addendumAdded, (state, { visit }): ExamState =>
      forOpenVisit(state, visit.id, () => ({
        ...state, visit, addendumSaving: false, addendumError: null, addendumSeed: state.addendumSeed + 1,
      }))),
    on(VisitsApiActions.addendumFailed, (state, { visitId, error }): ExamState =>
      forOpenVisit(state, visitId, () => ({ ...state, addendumSaving: false, addendumError: error.message }))),
  ),
  extraSelectors: ({ selectVisit, selectSaveStatus }) => ({
    selectIsSigned: createSelector(selectVisit, (visit) => visit?.status === 'signed'),
    selectPatientId: createSelector(selectVisit, (visit) => visit?.patientId ?? null),
    /** Saves go out only for a loaded draft with no choice pending. */
    selectCanSend: createSelector(selectVisit, selectSaveStatus, (visit, status) =>
      visit !== null && visit.status === 'draft' && status !== 'conflict' && status !== 'locked'),
  }),
});
