import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MockStore } from '@ngrx/store/testing';
import { adminState } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { StaffPageActions } from '../state/staff.actions';
import { StaffPage } from './staff-page';

describe('StaffPage', () => {
  async function setUp(state = adminState()) {
    TestBed.configureTestingModule({ providers: adminTestProviders(state) });
    const store = TestBed.inject(MockStore);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(StaffPage);
    await fixture.whenStable();
    return { fixture, store, dispatch, loader: TestbedHarnessEnvironment.loader(fixture), root: TestbedHarnessEnvironment.documentRootLoader(fixture) };
  }

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('loads staff on opening and lists them with role, centres, two-factor and account state', async () => {
    const { dispatch, loader } = await setUp();
    expect(dispatch).toHaveBeenCalledWith(StaffPageActions.opened());
    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['name'].text).toEqual(['Dr Alex MorganHas not chosen a password yet', 'Jo Evans', 'Morgan HaleYou']);
    expect(rows['role'].text).toEqual(['Chiropractor', 'Receptionist', 'Manager']);
    expect(rows['centres'].text).toEqual(['Hillview Centre', 'Riverside Centre', 'Riverside Centre, Hillview Centre']);
    // Receptionists must use two-factor (fixture settings) and Jo has not set it up.
    expect(rows['twoFactor'].text).toEqual(['verified_userOn', 'warningNot set up (required)', 'verified_userOn']);
    expect(rows['active'].text).toEqual(['Disabled', 'Active', 'Active']);
  });

  it('filters by what the manager types', async () => {
    const { loader } = await setUp();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[type=search]' }))).setValue('riverside recep');
    const table = await loader.getHarness(MatTableHarness);
    expect((await table.getCellTextByColumnName())['name'].text).toEqual(['Jo Evans']);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[type=search]' }))).setValue('nobody-like-this');
    expect(await table.getRows()).toHaveSize(0);
  });

  it('opens the add-staff dialog', async () => {
    const { loader, root } = await setUp();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add staff/ }))).click();
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Add staff');
  });

  it('offers password and two-factor resets from each row, two-factor only when it is on', async () => {
    const { loader, root } = await setUp();
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '[aria-label="More actions for Jo Evans"]' }));
    await menu.open();
    const items = await menu.getItems();
    expect(await Promise.all(items.map((item) => item.getText()))).toEqual(['lock_resetReset password', 'phonelink_eraseReset two-factor (not set up)']);
    expect(await items[1].isDisabled()).toBeTrue();
    await items[0].click();
    expect(await (await root.getHarness(MatDialogHarness)).getTitleText()).toBe('Reset Jo Evans’s password?');
  });

  it('offers a retry when the list cannot be loaded', async () => {
    const { loader, dispatch } = await setUp(adminState({ staff: { loadStatus: 'failed', loadError: 'The server cannot be reached.' } }));
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    expect(dispatch).toHaveBeenCalledWith(StaffPageActions.retryClicked());
  });
});
