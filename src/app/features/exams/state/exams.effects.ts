import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { type Action, Store } from '@ngrx/store';
import {
  catchError, concat, concatMap, EMPTY, filter, fromEvent, map, type Observable, of, switchMap, take, tap, timer, withLatestFrom,
} from 'rxjs';
import { apiError } from '../../../core/http-error';
import { LocalDrafts, SAVE_RETRY_MS } from '../data/local-drafts';
import { sameContent } from '../data/same-content';
import { VisitsApi } from '../data/visits-api';
import { examFeature, type ExamState } from './exam.feature';
import { ExamAutosaveActions, ExamPageActions, ProgressPageActions, VisitsApiActions } from './exams.actions';
import { progressFeature } from './progress.feature';


export const loadVisit = createEffect(
  (actions$ = inject(Actions), api = inject(VisitsApi)) =>
    actions$.pipe(
      ofType(ExamPageActions.opened),
      switchMap(({ visitId }) =>
        api.get(visitId).pipe(
          map((visit) => VisitsApiActions.visitLoaded({ visit })),
          catchError((error: unknown) => of(VisitsApiActions.visitLoadFailed({ visitId, error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** On opening a visit, an unsent local draft wins over the server copy and is sent straight away. */
export const restoreLocalDraft = createEffect(
  (actions$ = inject(Actions), drafts = inject(LocalDrafts)) =>
    actions$.pipe(
      ofType(VisitsApiActions.visitLoaded),
      map(({ visit }): Action | null => {
        const draft = drafts.read(visit.id);
        if (draft === null) return null;
        if (sameContent(draft.content, visit.content)) {
          drafts.clear(visit.id);
          return null;
        }
        return visit.status === 'draft'
          ? ExamAutosaveActions.draftRestored({ visitId: visit.id, content: draft.content, changedAt: draft.changedAt })
          : ExamAutosaveActions.strandedDraftFound({ visitId: visit.id, changedAt: draft.changedAt });
      }),
      filter((action): action is Action => action !== null),
    ),
  { functional: true },
);

function saveDraft(api: VisitsApi, drafts: LocalDrafts, visitId: string): Observable<Action> {
  const draft = drafts.read(visitId);
  if (draft === null) return EMPTY;
  const { rev } = draft;
  return concat(
    of(VisitsApiActions.saveStarted({ visitId, rev })),
    api.save(visitId, draft.baseVersion, draft.content).pipe(
      // Confirm before the next queued save reads the draft, so it sees the new base version.
      tap((visit) => drafts.confirm(visitId, rev, visit.version)),
      map((visit) => VisitsApiActions.saveSucceeded({ visit, rev })),
      catchError((error: unknown) => of(VisitsApiActions.saveFailed({ visitId, rev, error: apiError(error) }))),
    ),
  );
}

function signVisit(api: VisitsApi, drafts: LocalDrafts, state: ExamState, visitId: string): Observable<Action> {
  const draft = drafts.read(visitId);
  const sign = (version: number) =>
    api.sign(visitId, version).pipe(map((visit) => VisitsApiActions.signSucceeded({ visit })));
  // What is signed must be what is on screen: send the last keystrokes first.
  const steps: Observable<Action> =
    draft === null
      ? sign(state.visit!.version)
      : api.save(visitId, draft.baseVersion, draft.content).pipe(
          tap((visit) => drafts.confirm(visitId, draft.rev, visit.version)),
          switchMap((visit) => concat(of(VisitsApiActions.saveSucceeded({ visit, rev: draft.rev })), sign(visit.version))),
        );
  return steps.pipe(catchError((error: unknown) => of(VisitsApiActions.signFailed({ visitId, error: apiError(error) }))));
}

/**
 * Every write to a visit goes through one queue (concatMap), so each save names the version the
 * previous one returned. Each step reads the newest local draft when its turn comes, so a burst
 * of triggers sends the content once and the rest find nothing left to send.
 */
export const writeVisit = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(VisitsApi), drafts = inject(LocalDrafts)) =>
    actions$.pipe(
      ofType(
        ExamPageActions.draftChanged,
        ExamPageActions.retryClicked,
        ExamPageActions.keepMineClicked,
        ExamPageActions.signClicked,
        ExamAutosaveActions.draftRestored,
        ExamAutosaveActions.connectionRestored,
        ExamAutosaveActions.retryTimerFired,
      ),
      concatMap((action) =>
        store.select(examFeature.selectExamState).pipe(
          take(1),
          switchMap((state): Observable<Action> => {
            const { visitId } = action;
            if (state.visitId !== visitId || state.visit === null) return EMPTY;
            if (action.type === ExamPageActions.signClicked.type) return signVisit(api, drafts, state, visitId);
            if (state.visit.status !== 'draft' || state.saveStatus === 'conflict' || state.saveStatus === 'locked') return EMPTY;
            // "Keep mine": the same edits now go on top of their version (already in state.visit).
            if (action.type === ExamPageActions.keepMineClicked.type) drafts.rebase(visitId, state.visit.version);
            return saveDraft(api, drafts, visitId);
          }),
        ),
      ),
    ),
  { functional: true },
);

/** After a 412, fetch the newer version so the page can say who saved it and offer both choices. */
export const fetchConflict = createEffect(
  (actions$ = inject(Actions), api = inject(VisitsApi)) =>
    actions$.pipe(
      ofType(VisitsApiActions.saveFailed, VisitsApiActions.signFailed),
      filter(({ error }) => error.status === 412 || (error.status === 409 && error.code === 'visit_signed')),
      switchMap(({ visitId }) =>
        api.get(visitId).pipe(
          map((theirs) => VisitsApiActions.conflictFound({ theirs })),
          catchError((error: unknown) => of(VisitsApiActions.conflictLoadFailed({ visitId, error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** "Load theirs": the local edits are given up on purpose. */
export const dropLocalDraft = createEffect(
  (actions$ = inject(Actions), drafts = inject(LocalDrafts)) =>
    actions$.pipe(
      ofType(ExamPageActions.loadTheirsClicked),
      tap(({ visitId }) => drafts.clear(visitId)),
    ),
  { functional: true, dispatch: false },
);

/** A dropped connection or a server hiccup is retried on a timer until a save gets through. */
export const retryFailedSave = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(VisitsApiActions.saveFailed, VisitsApiActions.saveSucceeded, ExamPageActions.opened, ExamPageActions.closed),
      switchMap((action) =>
        action.type === VisitsApiActions.saveFailed.type && (action.error.status === 0 || action.error.status >= 500)
          ? timer(SAVE_RETRY_MS).pipe(map(() => ExamAutosaveActions.retryTimerFired({ visitId: action.visitId })))
          : EMPTY,
      ),
    ),
  { functional: true },
);

/** The browser says the network is back: send what waited. */
export const sendWhenOnline = createEffect(
  (store = inject(Store), document = inject(DOCUMENT)) =>
    fromEvent(document.defaultView ?? window, 'online').pipe(
      withLatestFrom(store.select(examFeature.selectVisitId)),
      filter((pair): pair is [Event, string] => pair[1] !== null),
      map(([, visitId]) => ExamAutosaveActions.connectionRestored({ visitId })),
    ),
  { functional: true },
);

export const addAddendum = createEffect(
  (actions$ = inject(Actions), api = inject(VisitsApi)) =>
    actions$.pipe(
      ofType(ExamPageActions.addendumSubmitted),
      concatMap(({ visitId, text }) =>
        api.addAddendum(visitId, text).pipe(
          map((visit) => VisitsApiActions.addendumAdded({ visit })),
          catchError((error: unknown) => of(VisitsApiActions.addendumFailed({ visitId, error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The progress page, and the exam page's "change since the first visit", both read the patient's progress. */
export const loadProgress = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(VisitsApi)) =>
    actions$.pipe(
      ofType(ProgressPageActions.opened, ProgressPageActions.retryClicked, VisitsApiActions.visitLoaded),
      withLatestFrom(store.select(progressFeature.selectExamProgressState)),
      // The reducer has already marked what needs loading; an up-to-date list is not fetched again.
      filter(([, state]) => state.status === 'loading' && state.patientId !== null),
      switchMap(([, { patientId }]) =>
        api.progress(patientId!).pipe(
          map((visits) => VisitsApiActions.progressLoaded({ patientId: patientId!, visits })),
          catchError((error: unknown) => of(VisitsApiActions.progressLoadFailed({ patientId: patientId!, error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);
