import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore, Store } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { emptyExam } from '../../../../shared/exam';
import { DRAFT_STORAGE, LocalDrafts } from '../data/local-drafts';
import { MemoryStorage, visitFixture } from '../testing/exam-fixtures';
import { examFeature } from './exam.feature';
import { ExamPageActions } from './exams.actions';
import * as examEffects from './exams.effects';
import { progressFeature } from './progress.feature';

/** The autosave path end to end, with the real store and effects and a mocked HTTP backend. */
describe('exam autosave with a mocked server', () => {
  let http: HttpTestingController;
  let store: Store;
  let drafts: LocalDrafts;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore(),
        provideState(examFeature),
        provideState(progressFeature),
        provideEffects(examEffects),
        { provide: DRAFT_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(Store);
    drafts = TestBed.inject(LocalDrafts);
    store.dispatch(ExamPageActions.opened({ visitId: 'v1' }));
    http.expectOne('/api/visits/v1').flush(visitFixture({ version: 3 }));
    http.expectOne('/api/patients/p1/progress').flush({ visits: [] });
  });

  afterEach(() => http.verify());

  const state = () => firstValueFrom(store.select(examFeature.selectExamState));

  function typed(subjective: string) {
    const c = emptyExam();
    c.soap.subjective = subjective;
    return c;
  }

  it('keeps the draft when the network drops, sends it when the browser is online again, and clears it once confirmed', async () => {
    drafts.write('v1', typed('night cramps'), 3);
    store.dispatch(ExamPageActions.draftChanged({ visitId: 'v1' }));

    const first = http.expectOne({ method: 'PUT', url: '/api/visits/v1' });
    expect(first.request.headers.get('If-Match')).toBe('"3"');
    expect(first.request.body).toEqual({ content: typed('night cramps') });
    first.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });

    expect((await state()).saveStatus).toBe('offline');
    expect(drafts.read('v1')?.content).toEqual(typed('night cramps'));

    window.dispatchEvent(new Event('online'));
    const second = http.expectOne({ method: 'PUT', url: '/api/visits/v1' });
    expect(second.request.headers.get('If-Match')).toBe('"3"');
    second.flush(visitFixture({ version: 4, content: typed('night cramps'), updatedAt: '2026-11-26T10:42:00Z' }));

    const after = await state();
    expect(after.saveStatus).toBe('saved');
    expect(after.visit?.version).toBe(4);
    expect(drafts.read('v1')).toBeNull();
  });

  it('on 412 fetches the newer version, says who saved it, and "keep mine" saves on top of it', async () => {
    drafts.write('v1', typed('mine'), 3);
    store.dispatch(ExamPageActions.draftChanged({ visitId: 'v1' }));
    http.expectOne({ method: 'PUT', url: '/api/visits/v1' })
      .flush({ error: { code: 'stale_version', message: 'Someone else saved a newer version of this record.' } }, { status: 412, statusText: 'Precondition Failed' });
    http.expectOne({ method: 'GET', url: '/api/visits/v1' })
      .flush(visitFixture({ version: 5, updatedByName: 'Dr Ali Khan', updatedAt: '2026-11-26T10:40:00Z' }));

    const conflicted = await state();
    expect(conflicted.saveStatus).toBe('conflict');
    expect(conflicted.conflict?.updatedByName).toBe('Dr Ali Khan');
    expect(drafts.read('v1')).not.toBeNull();

    store.dispatch(ExamPageActions.keepMineClicked({ visitId: 'v1' }));
    const resend = http.expectOne({ method: 'PUT', url: '/api/visits/v1' });
    expect(resend.request.headers.get('If-Match')).toBe('"5"');
    expect(resend.request.body).toEqual({ content: typed('mine') });
    resend.flush(visitFixture({ version: 6, content: typed('mine') }));
    expect((await state()).saveStatus).toBe('saved');
    expect(drafts.read('v1')).toBeNull();
  });

  it('"load theirs" drops the local draft and shows their content', async () => {
    drafts.write('v1', typed('mine'), 3);
    store.dispatch(ExamPageActions.draftChanged({ visitId: 'v1' }));
    http.expectOne({ method: 'PUT', url: '/api/visits/v1' }).flush({ error: { code: 'stale_version', message: 'stale' } }, { status: 412, statusText: 'Precondition Failed' });
    http.expectOne({ method: 'GET', url: '/api/visits/v1' }).flush(visitFixture({ version: 5, content: typed('theirs') }));

    store.dispatch(ExamPageActions.loadTheirsClicked({ visitId: 'v1' }));
    expect((await state()).formContent).toEqual(typed('theirs'));
    expect(drafts.read('v1')).toBeNull();
  });
});
