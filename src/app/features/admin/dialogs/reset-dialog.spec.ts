import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MockStore } from '@ngrx/store/testing';
import { adminState, RECEPTIONIST } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { StaffDialogActions } from '../state/staff.actions';
import { initialDialogState } from '../state/staff.feature';
import { ResetDialog } from './reset-dialog';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

describe('ResetDialog', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('asks first, then shows the new one-time password', async () => {
    TestBed.configureTestingModule({ providers: adminTestProviders() });
    const fixture = TestBed.createComponent(Host);
    const store = TestBed.inject(MockStore);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();
    TestBed.inject(MatDialog).open(ResetDialog, { data: { kind: 'password', staff: RECEPTIONIST } });
    const dialog = await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatDialogHarness);

    expect(await dialog.getTitleText()).toBe('Reset Jo Evans’s password?');
    expect(dispatch).not.toHaveBeenCalledWith(StaffDialogActions.resetPasswordConfirmed({ id: RECEPTIONIST.id }));
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Reset password' }))).click();
    expect(dispatch).toHaveBeenCalledWith(StaffDialogActions.resetPasswordConfirmed({ id: RECEPTIONIST.id }));

    store.setState(adminState({ staff: { dialog: { ...initialDialogState, status: 'saved', oneTimePassword: 'k2p9-xx41' } } }));
    expect(await dialog.getText()).toContain('k2p9-xx41');
    expect(await dialog.getTitleText()).toBe('New password for Jo Evans');
  });
});
