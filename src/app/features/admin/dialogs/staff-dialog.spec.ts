import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MockStore } from '@ngrx/store/testing';
import { adminState, MANAGER, RECEPTIONIST, RIVERSIDE } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { StaffDialogActions } from '../state/staff.actions';
import { initialDialogState } from '../state/staff.feature';
import { StaffDialog, type StaffDialogData } from './staff-dialog';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

describe('StaffDialog', () => {
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatch: jasmine.Spy;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: adminTestProviders() });
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    store = TestBed.inject(MockStore);
    dispatch = spyOn(store, 'dispatch').and.callThrough();
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  async function open(data: StaffDialogData): Promise<MatDialogHarness> {
    TestBed.inject(MatDialog).open(StaffDialog, { data });
    return loader.getHarness(MatDialogHarness);
  }

  function dialogState(dialog: Partial<typeof initialDialogState>): void {
    store.setState(adminState({ staff: { dialog: { ...initialDialogState, ...dialog } } }));
  }

  it('adds a person and then shows their one-time password, once, with a copy button', async () => {
    const dialog = await open({ mode: 'create' });
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=name]' }))).setValue('Casey Jones');
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=email]' }))).setValue('casey@demo.clinic');
    const role = await dialog.getHarness(MatSelectHarness.with({ selector: '[formControlName=role]' }));
    await role.open();
    await role.clickOptions({ text: 'Chiropractor' });
    const centres = await dialog.getHarness(MatSelectHarness.with({ selector: '[formControlName=centreIds]' }));
    await centres.open();
    await centres.clickOptions({ text: 'Riverside Centre' });
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Add staff' }))).click();

    expect(dispatch).toHaveBeenCalledWith(StaffDialogActions.createSubmitted({
      input: { name: 'Casey Jones', email: 'casey@demo.clinic', role: 'chiropractor', centreIds: [RIVERSIDE.id] },
    }));

    dialogState({ status: 'saved', oneTimePassword: 'wh7m-df84-nw8e-zu8t' });
    const text = await dialog.getText();
    expect(text).toContain('Casey Jones can now sign in');
    expect(text).toContain('wh7m-df84-nw8e-zu8t');
    expect(text).toContain('This is the only time it is shown.');
    expect(await dialog.getAllHarnesses(MatButtonHarness.with({ text: /Copy/ }))).toHaveSize(1);
    expect(await dialog.getAllHarnesses(MatButtonHarness.with({ text: 'Add staff' }))).toHaveSize(0);
  });

  it('refuses to send the form without a centre', async () => {
    const dialog = await open({ mode: 'create' });
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=name]' }))).setValue('Casey Jones');
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=email]' }))).setValue('casey@demo.clinic');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Add staff' }))).click();
    const centres = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: /Centres/ }));
    expect(await centres.getTextErrors()).toEqual(['Choose at least one centre.']);
    expect(dispatch).not.toHaveBeenCalledWith(jasmine.objectContaining({ type: StaffDialogActions.createSubmitted.type }));
  });

  it('explains a 412 and reloads their version without losing what was typed', async () => {
    const dialog = await open({ mode: 'edit', staff: RECEPTIONIST });
    const name = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=name]' }));
    await name.setValue('Jo Evans-Smith');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Save changes' }))).click();
    expect(dispatch).toHaveBeenCalledWith(StaffDialogActions.updateSubmitted({
      id: RECEPTIONIST.id, version: 2, input: { name: 'Jo Evans-Smith', role: 'receptionist', centreIds: [RIVERSIDE.id], active: true },
    }));

    dialogState({ status: 'stale', error: { status: 412, code: 'stale_version', message: 'Someone else saved a newer version.', fields: {} } });
    expect(await dialog.getText()).toContain('Someone else saved this staff member while you were editing.');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Load their latest version' }))).click();
    expect(dispatch).toHaveBeenCalledWith(StaffDialogActions.reloadLatestClicked({ id: RECEPTIONIST.id }));

    dialogState({ latest: { ...RECEPTIONIST, role: 'chiropractor', version: 3 } });
    expect(await dialog.getText()).toContain('Role is now Chiropractor.');
    expect(await name.getValue()).toBe('Jo Evans-Smith');

    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Save changes' }))).click();
    expect(dispatch).toHaveBeenCalledWith(StaffDialogActions.updateSubmitted({
      id: RECEPTIONIST.id, version: 3, input: { name: 'Jo Evans-Smith', role: 'receptionist', centreIds: [RIVERSIDE.id], active: true },
    }));
  });

  it('shows the server’s refusal when a manager removes their own manager role', async () => {
    const dialog = await open({ mode: 'edit', staff: MANAGER });
    const roleField = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: /Role/ }));
    expect(await roleField.getTextHints()).toEqual(['You cannot remove your own manager role.']);

    dialogState({
      status: 'failed',
      error: { status: 400, code: 'invalid_input', message: 'Some fields need correcting.', fields: { role: 'You cannot remove your own manager access or disable yourself.' } },
    });
    expect(await roleField.getTextErrors()).toEqual(['You cannot remove your own manager access or disable yourself.']);
  });
});
