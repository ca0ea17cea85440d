import { emptyExam, emptyFinding } from '../../../../shared/exam';
import type { ApiError } from '../../../core/http-error';
import { progressVisitFixture, visitFixture } from '../testing/exam-fixtures';
import { examFeature, initialExamState, type ExamState } from './exam.feature';
import { ExamAutosaveActions, ExamPageActions, ProgressPageActions, VisitsApiActions } from './exams.actions';
import { initialProgressState, progressFeature } from './progress.feature';

const reduce = examFeature.reducer;

function err(status: number, code = 'error'): ApiError {
  return { status, code, message: `failed ${status}`, fields: {} };
}

function loaded(overrides: Partial<ExamState> = {}): ExamState {
  const opened = reduce(initialExamState, ExamPageActions.opened({ visitId: 'v1' }));
  return { ...reduce(opened, VisitsApiActions.visitLoaded({ visit: visitFixture() })), ...overrides };
}

describe('exam reducer', () => {
  it('loads the visit and hands its content to the form once', () => {
    const state = loaded();
    expect(state.loadStatus).toBe('loaded');
    expect(state.formContent).toEqual(emptyExam());
    expect(state.formSeed).toBe(1);
    expect(state.saveStatus).toBe('idle');
  });

  it('ignores answers about a visit that is no longer open', () => {
    const state = loaded();
    expect(reduce(state, VisitsApiActions.saveSucceeded({ visit: visitFixture({ id: 'other', version: 9 }), rev: 5 }))).toBe(state);
  });

  it('moves the version forward on a confirmed save without replacing the form', () => {
    const state = reduce(loaded(), VisitsApiActions.saveSucceeded({ visit: visitFixture({ version: 4, updatedAt: '2026-11-26T10:42:00Z' }), rev: 77 }));
    expect(state.visit?.version).toBe(4);
    expect(state.savedRev).toBe(77);
    expect(state.saveStatus).toBe('saved');
    expect(state.lastSavedAt).toBe('2026-11-26T10:42:00Z');
    expect(state.formSeed).toBe(1);
  });

  it('tells offline, conflict, signed-elsewhere, refused fields and server trouble apart', () => {
    const fail = (e: ApiError) => reduce(loaded(), VisitsApiActions.saveFailed({ visitId: 'v1', rev: 1, error: e })).saveStatus;
    expect(fail(err(0, 'offline'))).toBe('offline');
    expect(fail(err(412, 'stale_version'))).toBe('conflict');
    expect(fail(err(409, 'visit_signed'))).toBe('locked');
    expect(fail(err(400, 'validation'))).toBe('invalid');
    expect(fail(err(503))).toBe('error');
  });

  it('after a 412 "load theirs" puts their content in the form and "keep mine" only takes their version as the base', () => {
    const theirs = visitFixture({ version: 5, updatedByName: 'Dr Ali Khan', content: { ...emptyExam(), soap: { ...emptyExam().soap, plan: 'theirs' } } });
    const conflicted = reduce(reduce(loaded(), VisitsApiActions.saveFailed({ visitId: 'v1', rev: 1, error: err(412) })), VisitsApiActions.conflictFound({ theirs }));
    expect(conflicted.conflict).toBe(theirs);

    const loadedTheirs = reduce(conflicted, ExamPageActions.loadTheirsClicked({ visitId: 'v1' }));
    expect(loadedTheirs.formContent?.soap.plan).toBe('theirs');
    expect(loadedTheirs.formSeed).toBe(conflicted.formSeed + 1);
    expect(loadedTheirs.visit?.version).toBe(5);

    const keptMine = reduce(conflicted, ExamPageActions.keepMineClicked({ visitId: 'v1' }));
    expect(keptMine.formSeed).toBe(conflicted.formSeed);
    expect(keptMine.visit?.version).toBe(5);
    expect(keptMine.saveStatus).toBe('pending');
    expect(keptMine.conflict).toBeNull();
  });

  it('shows a restored local draft in the form', () => {
    const content = emptyExam();
    content.soap.subjective = 'typed offline';
    const state = reduce(loaded(), ExamAutosaveActions.draftRestored({ visitId: 'v1', content, changedAt: '2026-11-26T09:00:00Z' }));
    expect(state.formContent).toBe(content);
    expect(state.restoredAt).toBe('2026-11-26T09:00:00Z');
    expect(state.saveStatus).toBe('pending');
  });

  it('locks after signing and keeps the addenda the server returns', () => {
    const signed = reduce(loaded({ signing: true }), VisitsApiActions.signSucceeded({ visit: visitFixture({ status: 'signed', signedByName: 'Dr Jane Smith' }) }));
    expect(signed.saveStatus).toBe('locked');
    expect(signed.signing).toBeFalse();
    const withAddendum = reduce(
      reduce(signed, ExamPageActions.addendumSubmitted({ visitId: 'v1', text: 'Phoned: better.' })),
      VisitsApiActions.addendumAdded({ visit: visitFixture({ status: 'signed', addenda: [{ id: 'a1', authorId: 'u', authorName: 'Dr Jane Smith', at: '2026-11-26T12:00:00Z', text: 'Phoned: better.' }] }) }),
    );
    expect(withAddendum.visit?.addenda.length).toBe(1);
    expect(withAddendum.addendumSeed).toBe(1);
  });
});

describe('exam selectors', () => {
  it('sends saves only for a loaded draft with no pending choice', () => {
    const canSend = examFeature.selectCanSend.projector;
    expect(canSend(visitFixture(), 'pending')).toBeTrue();
    expect(canSend(visitFixture(), 'conflict')).toBeFalse();
    expect(canSend(visitFixture({ status: 'signed' }), 'idle')).toBeFalse();
    expect(canSend(null, 'idle')).toBeFalse();
  });

  it('knows a signed visit', () => {
    expect(examFeature.selectIsSigned.projector(visitFixture({ status: 'signed' }))).toBeTrue();
    expect(examFeature.selectIsSigned.projector(null)).toBeFalse();
  });
});

describe('progress reducer and selectors', () => {
  const visits = [
    progressVisitFixture('a', '2026-10-01', (c) => { c.outcomes.nprs = 8; }),
    progressVisitFixture('b', '2026-10-15', (c) => { c.outcomes.nprs = 5; }),
  ];

  it('keeps the server order of the visits', () => {
    let state = progressFeature.reducer(initialProgressState, ProgressPageActions.opened({ patientId: 'p1' }));
    expect(state.status).toBe('loading');
    state = progressFeature.reducer(state, VisitsApiActions.progressLoaded({ patientId: 'p1', visits: [...visits].reverse() }));
    expect(state.ids).toEqual(['b', 'a']);
    expect(progressFeature.reducer(state, VisitsApiActions.progressLoaded({ patientId: 'p2', visits }))).toBe(state);
  });

  it('scores each measure across visits against the first score', () => {
    const history = progressFeature.selectHistory.projector(visits);
    expect(history.nprs.scores).toEqual([8, 5]);
    expect(history.nprs.comparisons[1]).toEqual(jasmine.objectContaining({ change: -3, direction: 'improved', meaningful: true }));
    expect(history.nprs.band).toEqual({ lower: 6, upper: 10 });
  });

  it('lists findings over time', () => {
    const timeline = progressFeature.selectTimeline.projector([
      progressVisitFixture('a', '2026-10-01', (c) => { c.findings = [{ ...emptyFinding('paraspinal-spasm', 'x'), region: 'lumbar', side: 'left' }]; }),
      progressVisitFixture('b', '2026-10-15'),
    ]);
    expect(timeline.length).toBe(1);
    expect(timeline[0]!.cells).toEqual(['new', 'resolved']);
  });
});

