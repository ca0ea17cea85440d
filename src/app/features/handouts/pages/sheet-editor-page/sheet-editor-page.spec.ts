import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../../core/auth/auth.feature';
import { sessionFixture } from '../../../../testing/fixtures';
import { SheetEditorPageActions } from '../../state/sheet-editor.actions';
import { sheetEditorFeature, type SheetRow } from '../../state/sheet-editor.feature';
import { bundleFixture, libraryEntry, shipped } from '../../testing/handout-fixtures';
import { SheetEditorPage } from './sheet-editor-page';

describe('SheetEditorPage', () => {
  let fixture: ComponentFixture<SheetEditorPage>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatch: jasmine.Spy;

  const row = (key: string, personal = {}, issues: string[] = []): SheetRow => {
    const module = shipped(key);
    return { item: { moduleKey: key, reason: `Reason for ${module.title}` }, module, personal, issues, hasDose: module.blocks.some((b) => b.kind === 'dose') };
  };
  const rows = [row('calf-stretch-wall', { side: 'left' }), row('before-bed'), row('when-to-get-help')];

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SheetEditorPage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture({ role: 'chiropractor', name: 'Dr Anna Hughes' }).user },
            { selector: sheetEditorFeature.selectStatus, value: 'loaded' },
            { selector: sheetEditorFeature.selectLoadError, value: null },
            { selector: sheetEditorFeature.selectVisit, value: bundleFixture().visit },
            { selector: sheetEditorFeature.selectRows, value: rows },
            { selector: sheetEditorFeature.selectLeftOutRows, value: [{ item: { moduleKey: 'fluids', reason: 'Doctor has limited fluids: fluid module replaced' }, title: 'Drinks', canAdd: true }] },
            { selector: sheetEditorFeature.selectAddable, value: [{ label: 'Food', entries: [libraryEntry(shipped('salt'))] }] },
            { selector: sheetEditorFeature.selectNotes, value: ['Check the fluid limit with the patient.'] },
            { selector: sheetEditorFeature.selectLargePrint, value: false },
            { selector: sheetEditorFeature.selectReadingAge, value: 9.4 },
            { selector: sheetEditorFeature.selectReadingAgeHigh, value: false },
            { selector: sheetEditorFeature.selectHasIssues, value: false },
            { selector: sheetEditorFeature.selectIssuing, value: false },
            { selector: sheetEditorFeature.selectIssueError, value: null },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    dispatch = spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(SheetEditorPage);
    fixture.componentRef.setInput('visitId', 'v1');
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    await fixture.whenStable();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const button = (label: string) => loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="${label}"]` }));

  it('opens the draft of the visit in the address', () => {
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.opened({ visitId: 'v1' }));
  });

  it('shows each module with its reason, what was left out and why, and the notes not for print', () => {
    const text = el().textContent ?? '';
    expect(text).toContain('Reason for Calf stretch at a wall');
    expect(text).toContain('Doctor has limited fluids: fluid module replaced');
    expect(el().querySelector('.notes')?.textContent).toContain('Check the fluid limit with the patient.');
    expect(el().querySelector('cd-handout-sheet')?.textContent).not.toContain('Check the fluid limit');
  });

  it('moves a module with the keyboard-reachable up and down buttons', async () => {
    await (await button('Move Calf stretch before bed up')).click();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.moduleMoved({ from: 1, to: 0 }));
    await (await button('Move Calf stretch at a wall down')).click();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.moduleMoved({ from: 0, to: 1 }));
    expect(await (await button('Move Calf stretch at a wall up')).isDisabled()).toBeTrue();
  });

  it('removes a module and adds one from the library', async () => {
    await (await button('Remove Calf stretch before bed')).click();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.moduleRemoved({ moduleKey: 'before-bed' }));

    const select = await loader.getHarness(MatSelectHarness.with({ selector: '.add-select mat-select' }));
    await select.open();
    await select.clickOptions({ text: shipped('salt').title });
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add$/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.moduleAdded({ moduleKey: 'salt' }));

    await (await button('Add Drinks back')).click();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.moduleAdded({ moduleKey: 'fluids' }));
  });

  it('sends this patient\'s hold time and repetitions as they are typed', async () => {
    const hold = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="holdFrom"]' }));
    await hold.setValue('45');
    const reps = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="repetitions"]' }));
    await reps.setValue('5');
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.personalDetailsChanged({
      moduleKey: 'calf-stretch-wall', personal: { side: 'left', holdSeconds: 45, repetitions: 5 },
    }));
  });

  it('shows the problems with personal details and will not issue until they are fixed', async () => {
    store.overrideSelector(sheetEditorFeature.selectRows, [row('calf-stretch-wall', { repetitions: 0 }, ['Repetitions must be 1 to 100.']), row('when-to-get-help')]);
    store.overrideSelector(sheetEditorFeature.selectHasIssues, true);
    store.refreshState();
    fixture.detectChanges();
    expect(el().querySelector('.issues')?.textContent).toContain('Repetitions must be 1 to 100.');
    expect(await (await loader.getHarness(MatButtonHarness.with({ text: /Issue sheet/ }))).isDisabled()).toBeTrue();
  });

  it('toggles large print, preset from the patient\'s need', async () => {
    const toggle = await loader.getHarness(MatSlideToggleHarness.with({ label: /Large print/ }));
    expect(await toggle.isChecked()).toBeFalse();
    await toggle.toggle();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.largePrintToggled({ largePrint: true }));
  });

  it('warns when the whole sheet reads above age 11', () => {
    store.overrideSelector(sheetEditorFeature.selectReadingAge, 12.3);
    store.overrideSelector(sheetEditorFeature.selectReadingAgeHigh, true);
    store.refreshState();
    fixture.detectChanges();
    expect(el().textContent).toContain('Reading age 12.3');
    expect(el().querySelector('.banner.warn')?.textContent).toContain('reads above age 11');
  });

  it('warns when "when to get help" is missing or not last', () => {
    expect(el().textContent).not.toContain('is not on the sheet');
    store.overrideSelector(sheetEditorFeature.selectRows, [row('calf-stretch-wall')]);
    store.refreshState();
    fixture.detectChanges();
    expect(el().textContent).toContain('"When to get help" is not on the sheet.');
    store.overrideSelector(sheetEditorFeature.selectRows, [row('when-to-get-help'), row('calf-stretch-wall')]);
    store.refreshState();
    fixture.detectChanges();
    expect(el().textContent).toContain('"When to get help" is not last.');
  });

  it('issues the sheet', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: /Issue sheet/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(SheetEditorPageActions.issueClicked());
  });

  it('previews the sheet with the same component the print view uses', () => {
    const preview = el().querySelector('cd-handout-sheet');
    expect(preview?.querySelector('h1')?.textContent).toContain('Home advice for Claire Morris');
    expect(preview?.querySelectorAll('section').length).toBe(3);
  });
});
