import { HttpErrorResponse } from '@angular/common/http';
import type { Action, Store } from '@ngrx/store';
import { firstValueFrom, of, throwError } from 'rxjs';
import { patientFixture } from '../../diary/testing/diary-fixtures';
import type { PatientsApi } from '../data/patients-api';
import { PatientPageActions, PatientsApiActions, PatientsPageActions } from './patients.actions';
import { loadPatientPage, mergePatients, savePatient } from './patients.effects';
import { initialPatientsState } from './patients.feature';

describe('patients effects', () => {
  let api: jasmine.SpyObj<PatientsApi>;
  const input = { centreId: 'c1', givenName: 'Claire', familyName: 'Morris', dateOfBirth: '1980-03-14' };

  beforeEach(() => {
    api = jasmine.createSpyObj<PatientsApi>('PatientsApi', ['search', 'update', 'merge']);
  });

  it('searches with the query, the page and the centre chosen in the toolbar', async () => {
    api.search.and.returnValue(of({ items: [], total: 0 }));
    let call = 0;
    const store = { select: () => of([{ ...initialPatientsState, q: ' morris ', pageIndex: 2, pageSize: 25 }, 'c1'][call++]) } as unknown as Store;
    const action = await firstValueFrom(loadPatientPage(of<Action>(PatientsPageActions.searchChanged({ q: 'morris' })), store, api));
    expect(api.search).toHaveBeenCalledWith({ q: 'morris', centreId: 'c1', limit: 25, offset: 50 });
    expect(action).toEqual(PatientsApiActions.pageLoaded({ page: { items: [], total: 0 } }));
  });

  it('saves with the version the user started from', async () => {
    const saved = patientFixture({ version: 4 });
    api.update.and.returnValue(of(saved));
    const action = await firstValueFrom(savePatient(of<Action>(PatientPageActions.saveSubmitted({ id: 'p1', version: 3, input })), api));
    expect(api.update).toHaveBeenCalledWith('p1', 3, input);
    expect(action).toEqual(PatientsApiActions.patientSaved({ patient: saved }));
  });

  it('reports a stale save as a 412 failure', async () => {
    api.update.and.returnValue(throwError(() => new HttpErrorResponse({ status: 412, error: { error: { code: 'stale', message: 'Someone else saved first.' } } })));
    const action = await firstValueFrom(savePatient(of<Action>(PatientPageActions.saveSubmitted({ id: 'p1', version: 3, input })), api));
    expect(action).toEqual(PatientsApiActions.saveFailed({ error: { status: 412, code: 'stale', message: 'Someone else saved first.', fields: {} } }));
  });

  it('merges the chosen duplicate into the record on screen', async () => {
    const detail = { patient: patientFixture({ version: 5 }), appointments: [], requestIds: [], mergedFrom: [{ id: 'p9', mergedAt: '2026-11-26T10:00:00Z' }] };
    api.merge.and.returnValue(of(detail));
    const action = await firstValueFrom(mergePatients(of<Action>(PatientPageActions.mergeConfirmed({ id: 'p1', version: 4, duplicateId: 'p9', duplicateVersion: 2 })), api));
    expect(api.merge).toHaveBeenCalledWith({ id: 'p1', version: 4 }, 'p9', 2);
    expect(action).toEqual(PatientsApiActions.mergeSucceeded({ detail }));
  });
});
