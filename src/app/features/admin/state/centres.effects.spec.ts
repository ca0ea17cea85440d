import { HttpErrorResponse } from '@angular/common/http';
import type { MatSnackBar } from '@angular/material/snack-bar';
import type { Router } from '@angular/router';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of, throwError, toArray } from 'rxjs';
import type { AdminApi } from '../data/admin-api';
import { RIVERSIDE } from '../testing/fixtures';
import { CentreEditPageActions, CentresApiActions } from './centres.actions';
import { backToCentreList, loadCentre, reloadLatestCentre, updateCentre } from './centres.effects';

const actions = (action: Action) => of(action) as unknown as Actions;

function api(): jasmine.SpyObj<AdminApi> {
  return jasmine.createSpyObj<AdminApi>('AdminApi', ['listCentres', 'getCentre', 'createCentre', 'updateCentre']);
}

describe('centres effects', () => {
  it('loads a fresh copy for the edit page, and nothing for a new centre', async () => {
    const mock = api();
    mock.getCentre.and.returnValue(of(RIVERSIDE));
    expect(await firstValueFrom(loadCentre(actions(CentreEditPageActions.opened({ id: RIVERSIDE.id })), mock))).toEqual(CentresApiActions.centreLoaded({ centre: RIVERSIDE }));
    expect(await firstValueFrom(loadCentre(actions(CentreEditPageActions.opened({ id: null })), mock).pipe(toArray()))).toEqual([]);
  });

  it('saves with the version being edited; a 412 comes back as a stale save', async () => {
    const mock = api();
    mock.updateCentre.and.returnValue(throwError(() => new HttpErrorResponse({ status: 412, error: { error: { code: 'stale_version', message: 'Someone else saved.' } } })));
    const result = await firstValueFrom(updateCentre(actions(CentreEditPageActions.updateSubmitted({ id: RIVERSIDE.id, version: 3, input: RIVERSIDE })), mock));
    expect(mock.updateCentre).toHaveBeenCalledWith(RIVERSIDE.id, 3, RIVERSIDE);
    expect(result).toEqual(CentresApiActions.saveFailed({ error: { status: 412, code: 'stale_version', message: 'Someone else saved.', fields: {} } }));
  });

  it('fetches the latest copy after a 412', async () => {
    const mock = api();
    mock.getCentre.and.returnValue(of({ ...RIVERSIDE, version: 4 }));
    const result = await firstValueFrom(reloadLatestCentre(actions(CentreEditPageActions.reloadLatestClicked({ id: RIVERSIDE.id })), mock));
    expect(result).toEqual(CentresApiActions.latestLoaded({ centre: { ...RIVERSIDE, version: 4 } }));
  });

  it('returns to the list with a confirmation once saved', async () => {
    const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    const snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    await firstValueFrom(backToCentreList(actions(CentresApiActions.centreCreated({ centre: RIVERSIDE })), router, snackBar));
    expect(router.navigate).toHaveBeenCalledWith(['/admin/centres']);
    expect(snackBar.open).toHaveBeenCalledWith('Added Riverside Centre.', 'OK', jasmine.any(Object));
  });
});
