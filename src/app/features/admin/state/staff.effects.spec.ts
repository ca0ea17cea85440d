import { HttpErrorResponse } from '@angular/common/http';
import type { MatSnackBar } from '@angular/material/snack-bar';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of, throwError } from 'rxjs';
import type { AdminApi } from '../data/admin-api';
import { MANAGER, RECEPTIONIST } from '../testing/fixtures';
import { StaffApiActions, StaffDialogActions, StaffPageActions } from './staff.actions';
import { confirmStaffChanges, createStaff, loadStaff, resetPassword, updateStaff } from './staff.effects';

const actions = (action: Action) => of(action) as unknown as Actions;

function api(): jasmine.SpyObj<AdminApi> {
  return jasmine.createSpyObj<AdminApi>('AdminApi', ['listStaff', 'createStaff', 'updateStaff', 'resetPassword', 'resetTwoFactor', 'getStaff']);
}

describe('staff effects', () => {
  it('loads the staff list when the page opens', async () => {
    const mock = api();
    mock.listStaff.and.returnValue(of([MANAGER]));
    expect(await firstValueFrom(loadStaff(actions(StaffPageActions.opened()), mock))).toEqual(StaffApiActions.staffLoaded({ staff: [MANAGER] }));
  });

  it('passes on the one-time password of a new account', async () => {
    const mock = api();
    const input = { name: 'Casey Jones', email: 'casey@demo.clinic', role: 'receptionist' as const, centreIds: ['c1'] };
    mock.createStaff.and.returnValue(of({ staff: { ...RECEPTIONIST, name: 'Casey Jones' }, oneTimePassword: 'wh7m-df84' }));
    const result = await firstValueFrom(createStaff(actions(StaffDialogActions.createSubmitted({ input })), mock));
    expect(mock.createStaff).toHaveBeenCalledWith(input);
    expect(result).toEqual(StaffApiActions.staffCreated({ staff: { ...RECEPTIONIST, name: 'Casey Jones' }, oneTimePassword: 'wh7m-df84' }));
  });

  it('sends the version being edited and reports a 412 with the server message', async () => {
    const mock = api();
    mock.updateStaff.and.returnValue(throwError(() => new HttpErrorResponse({
      status: 412, error: { error: { code: 'stale_version', message: 'Someone else saved a newer version of this record.' } },
    })));
    const input = { name: 'Jo', role: 'receptionist' as const, centreIds: ['c1'], active: true };
    const result = await firstValueFrom(updateStaff(actions(StaffDialogActions.updateSubmitted({ id: 's-jo', version: 2, input })), mock));
    expect(mock.updateStaff).toHaveBeenCalledWith('s-jo', 2, input);
    expect(result).toEqual(StaffApiActions.dialogRequestFailed({
      error: { status: 412, code: 'stale_version', message: 'Someone else saved a newer version of this record.', fields: {} },
    }));
  });

  it('passes on the one-time password after a reset', async () => {
    const mock = api();
    mock.resetPassword.and.returnValue(of({ staff: RECEPTIONIST, oneTimePassword: 'abcd' }));
    const result = await firstValueFrom(resetPassword(actions(StaffDialogActions.resetPasswordConfirmed({ id: 's-jo' })), mock));
    expect(result).toEqual(StaffApiActions.passwordReset({ staff: RECEPTIONIST, oneTimePassword: 'abcd' }));
  });

  it('confirms a saved edit in a snack bar', async () => {
    const snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    await firstValueFrom(confirmStaffChanges(actions(StaffApiActions.staffUpdated({ staff: RECEPTIONIST })), snackBar));
    expect(snackBar.open).toHaveBeenCalledWith('Saved changes to Jo Evans.', 'OK', jasmine.any(Object));
  });
});
