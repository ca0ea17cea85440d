import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection, type Provider } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { emptyExam, emptyFinding, type ExamContent } from '../../../../shared/exam';
import type { Role } from '../../../../shared/roles';
import { RenderSteps } from '../../../core/render/render-steps';
import { sessionFixture } from '../../../testing/fixtures';
import { ManualRenderSteps } from '../../../testing/manual-render-steps';
import { DRAFT_STORAGE, LocalDrafts } from '../data/local-drafts';
import { MemoryStorage, visitFixture } from '../testing/exam-fixtures';
import type { Visit } from '../data/visits-api';
import { initialExamState } from '../state/exam.feature';
import { ExamPageActions } from '../state/exams.actions';
import { initialProgressState } from '../state/progress.feature';
import { AUTOSAVE_DEBOUNCE_MS, DERIVED_DEBOUNCE_MS, EXAM_SECTIONS, ExamPage } from './exam-page';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stateWith(visit: Visit, role: Role = 'chiropractor') {
  return {
    auth: { status: 'signed-in', session: sessionFixture({ role }), endedReason: null },
    exam: { ...initialExamState, visitId: visit.id, visit, loadStatus: 'loaded', formContent: visit.content, formSeed: 1, saveStatus: visit.status === 'signed' ? 'locked' : 'idle', lastSavedAt: visit.updatedAt },
    examProgress: initialProgressState,
  };
}

describe('ExamPage', () => {
  let fixture: ComponentFixture<ExamPage>;
  let store: MockStore;
  let drafts: LocalDrafts;

  async function create(visit: Visit, role: Role = 'chiropractor', providers: Provider[] = []) {
    await TestBed.configureTestingModule({
      imports: [ExamPage],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideMockStore({ initialState: stateWith(visit, role) }),
        { provide: DRAFT_STORAGE, useValue: new MemoryStorage() },
        ...providers,
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    drafts = TestBed.inject(LocalDrafts);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(ExamPage);
    fixture.componentRef.setInput('visitId', visit.id);
    await fixture.whenStable();
  }

  const el = () => fixture.nativeElement as HTMLElement;

  function withFinding(): ExamContent {
    const c = emptyExam();
    c.findings = [emptyFinding('facet-joint', 'f1')];
    return c;
  }

  it('opens the visit and shows every section of the exam', async () => {
    await create(visitFixture());
    expect(store.dispatch).toHaveBeenCalledWith(ExamPageActions.opened({ visitId: 'v1' }));
    for (const id of ['cramp', 'body', 'findings', 'neuro', 'screen', 'soap', 'outcomes', 'sign']) {
      expect(el().querySelector(`section#${id}`)).withContext(id).not.toBeNull();
    }
    expect(el().querySelector('.save-status')?.textContent).toContain('Saved');
  });

  it('keeps the sign button disabled while something blocks signing, and links to the field', async () => {
    await create(visitFixture({ content: withFinding() }));
    const sign = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatButtonHarness.with({ text: 'Sign and lock' }));
    expect(await sign.isDisabled()).toBeTrue();
    const links = Array.from(el().querySelectorAll('cd-sign-panel .issues a')).map((a) => a.textContent?.trim());
    expect(links).toEqual(['Choose a region.', 'Choose a side.']);
  });

  it('lets a complete exam be signed', async () => {
    const c = withFinding();
    c.findings[0] = { ...c.findings[0]!, region: 'lumbar', side: 'left' };
    await create(visitFixture({ content: c }));
    const sign = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatButtonHarness.with({ text: 'Sign and lock' }));
    expect(await sign.isDisabled()).toBeFalse();
    await sign.click();
    expect(store.dispatch).toHaveBeenCalledWith(ExamPageActions.signClicked({ visitId: 'v1' }));
  });

  it('writes each change to this browser at once and asks the server after typing stops', async () => {
    await create(visitFixture());
    const textarea = el().querySelector<HTMLTextAreaElement>('#exam-soap-subjective')!;
    textarea.value = 'Calf cramps most nights';
    textarea.dispatchEvent(new Event('input'));
    await Promise.resolve();
    expect(drafts.read('v1')?.content.soap.subjective).toBe('Calf cramps most nights');
    expect(drafts.read('v1')?.baseVersion).toBe(3);
    expect(store.dispatch).not.toHaveBeenCalledWith(ExamPageActions.draftChanged({ visitId: 'v1' }));
    await wait(AUTOSAVE_DEBOUNCE_MS + 100);
    expect(store.dispatch).toHaveBeenCalledWith(ExamPageActions.draftChanged({ visitId: 'v1' }));
    await fixture.whenStable();
    expect(el().querySelector('.save-status')?.textContent).toContain('Saving soon');
    expect(fixture.componentInstance.confirmLeave()).not.toBe(true);
  });

  it('raises the statin alert in the form as soon as the answer is given', async () => {
    await create(visitFixture());
    const yes = el().querySelector<HTMLButtonElement>('#exam-screen-statinNewMuscleSymptoms [data-answer="yes"] button')!;
    yes.click();
    await wait(DERIVED_DEBOUNCE_MS + 50);
    await fixture.whenStable();
    const alert = el().querySelector('.top-alerts .alert[data-level="urgent"]');
    expect(alert?.textContent).toContain('Statin with new muscle symptoms');
    expect(alert?.textContent).toContain('GP or NHS 111 today');
  });

  it('shows a signed visit read-only, with who signed it and the addendum box', async () => {
    await create(visitFixture({ status: 'signed', signedAt: '2026-11-26T11:00:00Z', signedByName: 'Dr Jane Smith', content: withFinding() }));
    expect(el().querySelector('cd-sign-panel')?.textContent).toContain('Signed by Dr Jane Smith');
    expect(el().querySelector<HTMLTextAreaElement>('#exam-soap-subjective')!.disabled).toBeTrue();
    expect(el().querySelector('cd-findings-section button.add')).toBeNull();
    const box = el().querySelector<HTMLTextAreaElement>('cd-addenda-panel textarea')!;
    box.value = 'Phoned: cramps settling.';
    box.dispatchEvent(new Event('input'));
    el().querySelector<HTMLButtonElement>('cd-addenda-panel button[type="submit"]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(ExamPageActions.addendumSubmitted({ visitId: 'v1', text: 'Phoned: cramps settling.' }));

    // Once the server has it, the box is cleared and not shown as an error.
    const state = stateWith(visitFixture({ status: 'signed' }));
    store.setState({ ...state, exam: { ...state.exam, addendumSeed: 1 } });
    await fixture.whenStable();
    expect(box.value).toBe('');
    expect(el().querySelector('cd-addenda-panel mat-error')).toBeNull();
  });

  it('draws the cramp sites on the body chart from the start', async () => {
    const c = emptyExam();
    c.crampProfile.sites = [{ site: 'calf', side: 'left' }];
    await create(visitFixture({ content: c }));
    expect(el().querySelector('#back-calf-left')?.getAttribute('data-symptom')).toBe('cramp');
    expect(el().querySelector('#back-calf-right')?.getAttribute('data-symptom')).toBeNull();
  });

  it('lets a manager read a draft but not change or sign it', async () => {
    await create(visitFixture({ content: withFinding() }), 'manager');
    expect(el().querySelector<HTMLTextAreaElement>('#exam-soap-subjective')!.disabled).toBeTrue();
    expect(el().textContent).toContain('Only chiropractors change or sign visits');
    const signButtons = await TestbedHarnessEnvironment.loader(fixture).getAllHarnesses(MatButtonHarness.with({ text: 'Sign and lock' }));
    expect(signButtons.length).toBe(0);
    expect(fixture.componentInstance.confirmLeave()).toBeTrue();
  });

  it('offers both choices after someone else saved', async () => {
    await create(visitFixture());
    store.setState({
      ...stateWith(visitFixture()),
      exam: { ...stateWith(visitFixture()).exam, saveStatus: 'conflict', conflict: visitFixture({ version: 5, updatedByName: 'Dr Ali Khan' }) },
    });
    await fixture.whenStable();
    expect(el().querySelector('.conflict')?.textContent).toContain('Dr Ali Khan');
    const keep = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatButtonHarness.with({ text: /Keep mine/ }));
    await keep.click();
    expect(store.dispatch).toHaveBeenCalledWith(ExamPageActions.keepMineClicked({ visitId: 'v1' }));
  });

  describe('drawing the sections below the first screen later', () => {
    let steps: ManualRenderSteps;
    const drawnSections = () => EXAM_SECTIONS.map((s) => s.id).filter((id) => !el().querySelector(`section#${id} .not-drawn`));
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 50 && !what(); i++) await wait(10);
    };

    async function createWithSteps(visit: Visit, role: Role = 'chiropractor') {
      steps = new ManualRenderSteps();
      await create(visit, role, [{ provide: RenderSteps, useValue: steps }]);
    }

    it('draws the cramp sites with the page and every other part one step each, keeping the whole form', async () => {
      await createWithSteps(visitFixture({ content: withFinding() }));
      expect(el().querySelectorAll('#cramp mat-checkbox').length).withContext('the sites').toBeGreaterThan(0);
      expect(el().querySelector('#exam-crampProfile-timing')).withContext('the rest of the cramp profile').toBeNull();
      expect(drawnSections()).toEqual([]);
      expect(el().querySelectorAll('section.card h2').length).withContext('every heading is there at once').toBe(EXAM_SECTIONS.length);
      // Sign checks read the whole form: the finding's two gaps count before its section is drawn.
      expect(el().querySelector('.section-nav a[href="#sign"] .badge')?.textContent).toBe('2');
      // Cramp 3 parts, body 1, findings 2 a row, neuro 3, screen 2, SOAP 1, outcomes 3, sign 1; one drawn with the page.
      expect(steps.waiting).toBe(15);

      steps.run(1);
      await fixture.whenStable();
      expect(el().querySelector('#exam-crampProfile-timing')).not.toBeNull();
      expect(drawnSections()).withContext('its numbers still to come').toEqual([]);
      steps.run(1);
      await fixture.whenStable();
      expect(drawnSections()).toEqual(['cramp']);
      steps.run(1);
      await fixture.whenStable();
      expect(drawnSections()).toEqual(['cramp', 'body']);
      steps.run();
      await fixture.whenStable();
      expect(drawnSections()).toEqual(EXAM_SECTIONS.map((s) => s.id));
      expect(el().querySelector<HTMLTextAreaElement>('#exam-soap-subjective')).not.toBeNull();
    });

    it('draws the findings two parts a row, and a long section a part per step', async () => {
      const c = withFinding();
      c.findings.push(emptyFinding('paraspinal-spasm', 'f2'));
      await createWithSteps(visitFixture({ content: c }));
      steps.run(3); // the cramp profile's other two parts, the body chart
      await fixture.whenStable();
      expect(el().querySelectorAll('cd-finding-row').length).toBe(0);
      steps.run(1);
      await fixture.whenStable();
      expect(el().querySelectorAll('cd-finding-row').length).toBe(1);
      expect(el().querySelector('#exam-findings-0-region')).not.toBeNull();
      expect(el().querySelector('#exam-findings-0-note')).withContext('the row\'s second part').toBeNull();
      expect(el().querySelector('#findings .count')?.textContent).withContext('the count is of every row').toBe('2');
      steps.run(1);
      await fixture.whenStable();
      expect(el().querySelector('#exam-findings-0-note')).not.toBeNull();
      steps.run(2);
      await fixture.whenStable();
      expect(el().querySelectorAll('cd-finding-row').length).toBe(2);
      expect(el().querySelector('#exam-findings-1-note')).not.toBeNull();

      steps.run(1);
      await fixture.whenStable();
      expect(el().querySelector('#exam-neuro-myotomes-C5-left')).not.toBeNull();
      expect(el().querySelectorAll('#neuro table').length).withContext('myotomes only').toBe(1);
      steps.run(2);
      await fixture.whenStable();
      expect(el().querySelector('#exam-neuro-cordScreen-gait')).not.toBeNull();
    });

    it('draws a section at once when its link is followed, and moves focus there', async () => {
      await createWithSteps(visitFixture());
      el().querySelector<HTMLAnchorElement>('.section-nav a[href="#outcomes"]')!.click();
      await until(() => document.activeElement?.id === 'outcomes');
      expect(document.activeElement?.id).toBe('outcomes');
      expect(el().querySelector('#outcomes #cramps-title')).withContext('the section whole, its last part included').not.toBeNull();
      // The ones above are drawn too, so the section does not move once reached; the one below waits.
      expect(drawnSections()).toEqual(['cramp', 'body', 'findings', 'neuro', 'screen', 'soap', 'outcomes']);
    });

    it('follows a link to a field in a section not drawn yet to the field itself', async () => {
      await createWithSteps(visitFixture());
      store.setState({
        ...stateWith(visitFixture()),
        exam: { ...stateWith(visitFixture()).exam, saveStatus: 'invalid', saveError: { status: 400, code: 'invalid', message: 'Invalid', fields: { 'content.soap.plan': 'Too long.' } } },
      });
      await fixture.whenStable();
      expect(el().querySelector('#exam-soap-plan')).toBeNull();
      el().querySelector<HTMLAnchorElement>('.banner.warn a')!.click();
      await until(() => document.activeElement?.id === 'exam-soap-plan');
      expect(document.activeElement?.id).toBe('exam-soap-plan');
    });

    it('draws every section before the page is printed', async () => {
      await createWithSteps(visitFixture());
      window.dispatchEvent(new Event('beforeprint'));
      // No waiting: the browser lays the page out for paper straight after the event.
      expect(drawnSections()).toEqual(EXAM_SECTIONS.map((s) => s.id));
      // Every part of every section, the last part of each included.
      for (const last of ['#exam-crampProfile-note', '#exam-neuro-cordScreen-gait', '#exam-screen-note', '#cramps-title']) {
        expect(el().querySelector(last)).withContext(last).not.toBeNull();
      }
    });

    it('drops the steps not run yet when the page closes', async () => {
      await createWithSteps(visitFixture());
      fixture.destroy();
      expect(steps.waiting).toBe(0);
    });
  });
});
