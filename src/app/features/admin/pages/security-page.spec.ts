import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MockStore } from '@ngrx/store/testing';
import { adminState, SECURITY } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { SecurityPageActions } from '../state/security.actions';
import { SecurityPage } from './security-page';

describe('SecurityPage', () => {
  async function setUp() {
    TestBed.configureTestingModule({ providers: adminTestProviders() });
    const store = TestBed.inject(MockStore);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(SecurityPage);
    await fixture.whenStable();
    return { fixture, store, dispatch, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('shows which roles must use two-factor and saves a change with the version it started from', async () => {
    const { dispatch, loader } = await setUp();
    expect(dispatch).toHaveBeenCalledWith(SecurityPageActions.opened());
    const [receptionists, chiropractors, managers] = await loader.getAllHarnesses(MatCheckboxHarness);
    expect(await receptionists.getLabelText()).toBe('Receptionists');
    expect(await receptionists.isChecked()).toBeTrue();
    expect(await chiropractors.isChecked()).toBeFalse();

    const save = await loader.getHarness(MatButtonHarness.with({ text: 'Save' }));
    expect(await save.isDisabled()).toBeTrue();
    await managers.check();
    await save.click();
    expect(dispatch).toHaveBeenCalledWith(SecurityPageActions.saveSubmitted({ version: SECURITY.version, totpRequiredRoles: ['receptionist', 'manager'] }));
  });

  it('after a 412 loads their settings but keeps the user’s ticks, then saves on the new version', async () => {
    const { fixture, store, dispatch, loader } = await setUp();
    const managers = (await loader.getAllHarnesses(MatCheckboxHarness))[2];
    await managers.check();
    store.setState(adminState({ security: { status: 'stale', error: { status: 412, code: 'stale_version', message: 'Someone else saved.', fields: {} } } }));
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Someone else saved the security settings while you were editing.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Load their latest version' }))).click();
    expect(dispatch).toHaveBeenCalledWith(SecurityPageActions.reloadLatestClicked());

    store.setState(adminState({ security: { status: 'ready', latest: { totpRequiredRoles: ['receptionist', 'chiropractor'], version: 6 } } }));
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Two-factor sign-in is now required for: Receptionist, Chiropractor.');
    expect(await managers.isChecked()).toBeTrue();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    expect(dispatch).toHaveBeenCalledWith(SecurityPageActions.saveSubmitted({ version: 6, totpRequiredRoles: ['receptionist', 'manager'] }));
  });
});
