import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../../core/auth/auth.feature';
import { sessionFixture } from '../../../../testing/fixtures';
import { AdviceModulePageActions } from '../../state/advice-library.actions';
import { adviceLibraryFeature } from '../../state/advice-library.feature';
import { libraryEntry, shipped } from '../../testing/handout-fixtures';
import { AdviceModulePage } from './advice-module-page';

describe('AdviceModulePage', () => {
  let fixture: ComponentFixture<AdviceModulePage>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatch: jasmine.Spy;
  const salt = libraryEntry(shipped('salt'), { version: 3, versionNo: 2 });
  const oldSalt = { versionNo: 1, module: { ...shipped('salt'), title: 'Salt (old wording)' }, readingAge: 8, createdAt: '2026-10-01T09:00:00Z', createdByName: 'Pat Manager' };
  const detail = { current: salt, versions: [{ versionNo: 2, module: salt.module, readingAge: salt.readingAge, createdAt: '2026-11-26T09:00:00Z', createdByName: 'Pat Manager' }, oldSalt] };

  async function create(role: 'manager' | 'chiropractor', saveError: unknown = null): Promise<void> {
    await TestBed.configureTestingModule({
      imports: [AdviceModulePage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectRole, value: role },
            { selector: authFeature.selectUser, value: sessionFixture({ role }).user },
            { selector: adviceLibraryFeature.selectDetail, value: detail },
            { selector: adviceLibraryFeature.selectDetailStatus, value: 'loaded' },
            { selector: adviceLibraryFeature.selectDetailError, value: null },
            { selector: adviceLibraryFeature.selectSaving, value: false },
            { selector: adviceLibraryFeature.selectSaveError, value: saveError },
            { selector: adviceLibraryFeature.selectStale, value: (saveError as { status?: number } | null)?.status === 412 },
            { selector: adviceLibraryFeature.selectSavedCount, value: 0 },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    dispatch = spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(AdviceModulePage);
    fixture.componentRef.setInput('key', 'salt');
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const el = () => fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 350));
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('opens the module in the address and fills the form from it', async () => {
    await create('manager');
    expect(dispatch).toHaveBeenCalledWith(AdviceModulePageActions.opened({ key: 'salt' }));
    const title = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="title"]' }));
    expect(await title.getValue()).toBe(salt.module.title);
  });

  it('changes a block\'s kind with its select (paragraph to callout)', async () => {
    await create('manager');
    const kind = await loader.getHarness(MatSelectHarness.with({ selector: '.block-head mat-select' }));
    expect(await kind.getValueText()).toBe('Paragraph');
    await kind.open();
    await kind.clickOptions({ text: 'Callout box' });
    fixture.detectChanges();
    expect(el().querySelector('.block')?.textContent).toContain('Tone');
  });

  it('updates the reading age as the manager types, warns above 11 and flags shouting', async () => {
    await create('manager');
    const before = el().querySelector('.checks .age')?.textContent;
    expect(el().querySelector('.checks .age.warn')).toBeNull();
    const text = await loader.getHarness(MatInputHarness.with({ selector: 'textarea[formControlName="text"]' }));
    await text.setValue('Physiological electrolyte considerations notwithstanding, supplementary sodium chloride consumption necessitates individualised medical authorisation. DO NOT add salt.');
    await settle();
    expect(el().querySelector('.checks .age')?.textContent).not.toBe(before);
    expect(el().querySelector('.checks .age.warn')).not.toBeNull();
    expect(el().querySelector('.checks .issues')?.textContent).toContain('Use bold lower case, not capitals');
    expect(el().querySelector('.side cd-handout-sheet')?.textContent).toContain('Physiological electrolyte');
  });

  it('adds, moves and removes blocks', async () => {
    await create('manager');
    const count = () => el().querySelectorAll('section.block').length;
    const start = count();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Dose/ }))).click();
    expect(count()).toBe(start + 1);
    await (await loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="Move block ${start + 1} up"]` }))).click();
    const kinds = await loader.getAllHarnesses(MatSelectHarness.with({ selector: '.block-head mat-select' }));
    expect(await kinds[start - 1]!.getValueText()).toContain('Dose');
    await (await loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="Remove block ${start}"]` }))).click();
    expect(count()).toBe(start);
  });

  it('saves a new version with the row version it started from', async () => {
    await create('manager');
    const title = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="title"]' }));
    await title.setValue('Salt: no extra');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Save new version/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(AdviceModulePageActions.saveSubmitted({
      module: { ...salt.module, title: 'Salt: no extra' }, active: true, version: 3,
    }));
  });

  it('explains a 412 and keeps what was typed when the newer version arrives', async () => {
    await create('manager', { status: 412, code: 'stale', message: 'Someone else saved first.', fields: {} });
    expect(el().textContent).toContain('Someone else saved this module while you were editing');
    const title = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="title"]' }));
    await title.setValue('My typing');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Fetch the newer version/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(AdviceModulePageActions.reloadLatestClicked({ key: 'salt' }));
    store.overrideSelector(adviceLibraryFeature.selectDetail, { ...detail, current: { ...salt, version: 4, versionNo: 3, updatedByName: 'Jo Other' } });
    store.overrideSelector(adviceLibraryFeature.selectSaveError, null);
    store.overrideSelector(adviceLibraryFeature.selectStale, false);
    store.refreshState();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(await title.getValue()).toBe('My typing');
    expect(el().textContent).toContain('Version 3 by Jo Other is now the newest');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Save new version/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(jasmine.objectContaining({ type: AdviceModulePageActions.saveSubmitted.type, version: 4 }));
  });

  it('shows an old version read-only from the history', async () => {
    await create('manager');
    const button = Array.from(el().querySelectorAll<HTMLButtonElement>('.history .version')).find((b) => b.textContent?.includes('Version 1'));
    button?.click();
    fixture.detectChanges();
    expect(el().querySelector('#preview-title')?.textContent).toContain('Version 1 (read only)');
    expect(el().querySelector('.side cd-handout-sheet')?.textContent).toContain('Salt (old wording)');
  });

  it('is read-only for a chiropractor', async () => {
    await create('chiropractor');
    const title = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="title"]' }));
    expect(await title.isDisabled()).toBeTrue();
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Save/ }))).toEqual([]);
    expect(el().textContent).toContain('Read only');
  });
});
