import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { PatientsPageActions } from '../state/patients.actions';
import { patientsFeature } from '../state/patients.feature';
import { PatientsPage } from './patients-page';

describe('PatientsPage', () => {
  let fixture: ComponentFixture<PatientsPage>;
  let loader: HarnessLoader;
  let store: MockStore;
  const row = (id: string, givenName: string, familyName: string, nhsNumber: string | null) => ({
    id, centreId: 'c1', givenName, familyName, dateOfBirth: '1980-03-14', phone: '07700 900123', email: '', nhsNumber,
    largePrint: id === 'p2', mergedInto: null, anonymised: false, version: 1,
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PatientsPage],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture().user },
            { selector: patientsFeature.selectPatientRows, value: [row('p1', 'Claire', 'Morris', '9434765919'), row('p2', 'Arjun', 'Mitchell', null)] },
            { selector: patientsFeature.selectTotal, value: 60 },
            { selector: patientsFeature.selectPageIndex, value: 0 },
            { selector: patientsFeature.selectPageSize, value: 25 },
            { selector: patientsFeature.selectListStatus, value: 'loaded' },
            { selector: patientsFeature.selectListError, value: null },
            { selector: patientsFeature.selectQ, value: '' },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(PatientsPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  it('asks for the first page when opened', () => {
    expect(store.dispatch).toHaveBeenCalledWith(PatientsPageActions.opened());
  });

  it('shows one row per patient with the NHS number grouped 3-3-4', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['name']!.text).toEqual(['Morris, Claire', 'Mitchell, ArjunLarge print']);
    expect(rows['nhsNumber']!.text).toEqual(['943 476 5919', '']);
    expect(rows['dateOfBirth']!.text[0]).toContain('14 Mar 1980');
  });

  it('searches as the user types, once they pause', async () => {
    const search = await loader.getHarness(MatInputHarness.with({ selector: 'input[type=search]' }));
    await search.setValue('07700 900123');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(store.dispatch).toHaveBeenCalledWith(PatientsPageActions.searchChanged({ q: '07700 900123' }));
  });

  it('pages through the list', async () => {
    const paginator = await loader.getHarness(MatPaginatorHarness);
    await paginator.goToNextPage();
    expect(store.dispatch).toHaveBeenCalledWith(PatientsPageActions.pageChanged({ pageIndex: 1, pageSize: 25 }));
  });
});
