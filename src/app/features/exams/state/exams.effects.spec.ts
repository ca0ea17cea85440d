import { HttpErrorResponse } from '@angular/common/http';
import type { Action, Store } from '@ngrx/store';
import { firstValueFrom, of, Subject, throwError, toArray } from 'rxjs';
import { emptyExam } from '../../../../shared/exam';
import { LocalDrafts, SAVE_RETRY_MS } from '../data/local-drafts';
import type { VisitsApi } from '../data/visits-api';
import { MemoryStorage, progressVisitFixture, visitFixture } from '../testing/exam-fixtures';
import { initialExamState, type ExamState } from './exam.feature';
import { ExamAutosaveActions, ExamPageActions, ProgressPageActions, VisitsApiActions } from './exams.actions';
import {
  fetchConflict, loadProgress, restoreLocalDraft, retryFailedSave, sendWhenOnline, writeVisit,
} from './exams.effects';
import { initialProgressState, type ProgressState } from './progress.feature';
import { TestBed } from '@angular/core/testing';
import { DRAFT_STORAGE } from '../data/local-drafts';

function storeWith(exam: Partial<ExamState>, progress: Partial<ProgressState> = {}): Store {
  const examState = { ...initialExamState, visitId: 'v1', visit: visitFixture(), ...exam };
  return {
    // Both features are read through select(); tell them apart by what the selector returns for a probe.
    select: (selector: (s: object) => unknown) =>
      of(selector({ exam: examState, examProgress: { ...initialProgressState, ...progress } })),
  } as unknown as Store;
}

const offline = () => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });

function typed(subjective: string) {
  const c = emptyExam();
  c.soap.subjective = subjective;
  return c;
}

describe('exam effects', () => {
  let api: jasmine.SpyObj<VisitsApi>;
  let drafts: LocalDrafts;

  beforeEach(() => {
    api = jasmine.createSpyObj<VisitsApi>('VisitsApi', ['get', 'save', 'sign', 'addAddendum', 'progress', 'list', 'create']);
    TestBed.configureTestingModule({ providers: [{ provide: DRAFT_STORAGE, useValue: new MemoryStorage() }] });
    drafts = TestBed.inject(LocalDrafts);
  });

  const run = (action: Action, store = storeWith({})) =>
    firstValueFrom(writeVisit(of(action), store, api, drafts).pipe(toArray()));

  it('sends the local draft with If-Match of the version it was made on, then clears it', async () => {
    const draft = drafts.write('v1', typed('calf cramps at night'), 3);
    api.save.and.returnValue(of(visitFixture({ version: 4, content: typed('calf cramps at night') })));
    const actions = await run(ExamPageActions.draftChanged({ visitId: 'v1' }));
    expect(api.save).toHaveBeenCalledWith('v1', 3, typed('calf cramps at night'));
    expect(actions.map((a) => a.type)).toEqual([VisitsApiActions.saveStarted.type, VisitsApiActions.saveSucceeded.type]);
    expect((actions[1] as ReturnType<typeof VisitsApiActions.saveSucceeded>).rev).toBe(draft.rev);
    expect(drafts.read('v1')).toBeNull();
  });

  it('keeps the draft when the network is down (status 0) and reports offline', async () => {
    drafts.write('v1', typed('typed on a train'), 3);
    api.save.and.returnValue(throwError(offline));
    const actions = await run(ExamPageActions.draftChanged({ visitId: 'v1' }));
    const failed = actions[1] as ReturnType<typeof VisitsApiActions.saveFailed>;
    expect(failed.type).toBe(VisitsApiActions.saveFailed.type);
    expect(failed.error.status).toBe(0);
    expect(drafts.read('v1')?.content).toEqual(typed('typed on a train'));
  });

  it('sends nothing when there is nothing unsent, or while a conflict waits for a choice', async () => {
    expect(await run(ExamPageActions.draftChanged({ visitId: 'v1' }))).toEqual([]);
    drafts.write('v1', typed('x'), 3);
    expect(await run(ExamPageActions.draftChanged({ visitId: 'v1' }), storeWith({ saveStatus: 'conflict' }))).toEqual([]);
    expect(api.save).not.toHaveBeenCalled();
  });

  it('"keep mine" re-sends the same edits on top of their version', async () => {
    drafts.write('v1', typed('mine'), 3);
    api.save.and.returnValue(of(visitFixture({ version: 6 })));
    await run(ExamPageActions.keepMineClicked({ visitId: 'v1' }), storeWith({ visit: visitFixture({ version: 5 }), saveStatus: 'pending' }));
    expect(api.save).toHaveBeenCalledWith('v1', 5, typed('mine'));
  });

  it('signs what is on screen: saves the last keystrokes, then signs that version', async () => {
    drafts.write('v1', typed('last words'), 3);
    api.save.and.returnValue(of(visitFixture({ version: 4 })));
    api.sign.and.returnValue(of(visitFixture({ version: 5, status: 'signed' })));
    const actions = await run(ExamPageActions.signClicked({ visitId: 'v1' }));
    expect(api.sign).toHaveBeenCalledWith('v1', 4);
    expect(actions.map((a) => a.type)).toEqual([VisitsApiActions.saveSucceeded.type, VisitsApiActions.signSucceeded.type]);
  });

  it('after a 412 fetches their version so the page can say who saved it', async () => {
    const theirs = visitFixture({ version: 7, updatedByName: 'Dr Ali Khan' });
    api.get.and.returnValue(of(theirs));
    const action = await firstValueFrom(
      fetchConflict(of(VisitsApiActions.saveFailed({ visitId: 'v1', rev: 1, error: { status: 412, code: 'stale_version', message: '', fields: {} } })), api),
    );
    expect(action).toEqual(VisitsApiActions.conflictFound({ theirs }));
  });

  it('restores an unsent draft on opening, and drops one the server already holds', async () => {
    drafts.write('v1', typed('not sent'), 3);
    const restored = await firstValueFrom(restoreLocalDraft(of(VisitsApiActions.visitLoaded({ visit: visitFixture() })), drafts).pipe(toArray()));
    expect(restored.length).toBe(1);
    expect(restored[0]!.type).toBe(ExamAutosaveActions.draftRestored.type);

    const same = await firstValueFrom(
      restoreLocalDraft(of(VisitsApiActions.visitLoaded({ visit: visitFixture({ content: typed('not sent') }) })), drafts).pipe(toArray()),
    );
    expect(same).toEqual([]);
    expect(drafts.read('v1')).toBeNull();
  });

  it('sends again when the browser comes back online', async () => {
    const win = new EventTarget();
    const result = firstValueFrom(sendWhenOnline(storeWith({}), { defaultView: win } as unknown as Document));
    win.dispatchEvent(new Event('online'));
    expect(await result).toEqual(ExamAutosaveActions.connectionRestored({ visitId: 'v1' }));
  });

  it('retries an offline save on a timer, and stops once a save succeeds', () => {
    jasmine.clock().install();
    try {
      const actions$ = new Subject<Action>();
      const out: Action[] = [];
      const sub = retryFailedSave(actions$).subscribe((a) => out.push(a));
      actions$.next(VisitsApiActions.saveFailed({ visitId: 'v1', rev: 1, error: { status: 0, code: 'offline', message: '', fields: {} } }));
      jasmine.clock().tick(SAVE_RETRY_MS + 1);
      expect(out).toEqual([ExamAutosaveActions.retryTimerFired({ visitId: 'v1' })]);
      actions$.next(VisitsApiActions.saveFailed({ visitId: 'v1', rev: 1, error: { status: 0, code: 'offline', message: '', fields: {} } }));
      actions$.next(VisitsApiActions.saveSucceeded({ visit: visitFixture(), rev: 2 }));
      jasmine.clock().tick(SAVE_RETRY_MS + 1);
      expect(out.length).toBe(1);
      sub.unsubscribe();
    } finally {
      jasmine.clock().uninstall();
    }
  });

  it('loads progress for the page and turns a failure into a failure action', async () => {
    api.progress.and.returnValue(of([progressVisitFixture('a', '2026-10-01')]));
    const store = storeWith({}, { patientId: 'p1', status: 'loading' });
    const ok = await firstValueFrom(loadProgress(of(ProgressPageActions.opened({ patientId: 'p1' })), store, api));
    expect(ok.type).toBe(VisitsApiActions.progressLoaded.type);

    api.progress.and.returnValue(throwError(() => new HttpErrorResponse({ status: 500, error: { error: { code: 'x', message: 'Database busy.' } } })));
    const bad = await firstValueFrom(loadProgress(of(ProgressPageActions.opened({ patientId: 'p1' })), store, api));
    expect(bad).toEqual(VisitsApiActions.progressLoadFailed({ patientId: 'p1', error: jasmine.objectContaining({ message: 'Database busy.' }) as never }));
  });
});
