import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { appointmentFixture, patientFixture } from '../../diary/testing/diary-fixtures';
import { PATIENT_SECTIONS } from '../sections/patient-sections';
import { PatientPageActions } from '../state/patients.actions';
import { initialRecordState, patientsFeature, type PatientRecordState } from '../state/patients.feature';
import { PatientPage } from './patient-page';

@Component({ selector: 'cd-test-section', template: '<h2>Visits for {{ patientId() }}</h2>', changeDetection: ChangeDetectionStrategy.OnPush })
class TestSection {
  readonly patientId = input.required<string>();
}

describe('PatientPage', () => {
  let fixture: ComponentFixture<PatientPage>;
  let store: MockStore;
  const patient = patientFixture();
  const detail = { patient, appointments: [appointmentFixture()], requestIds: ['r1'], mergedFrom: [] };

  async function setup(role: 'receptionist' | 'manager', record: Partial<PatientRecordState> = {}) {
    await TestBed.configureTestingModule({
      imports: [PatientPage],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: PATIENT_SECTIONS, useValue: [{ id: 'visits', title: 'Visits', order: 1, load: () => Promise.resolve(TestSection) }] },
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture({ role }).user },
            { selector: authFeature.selectRole, value: role },
            { selector: patientsFeature.selectRecord, value: { ...initialRecordState, id: 'p1', status: 'loaded', detail, ...record } },
            { selector: patientsFeature.selectDetail, value: detail },
            { selector: patientsFeature.selectPatient, value: patient },
            { selector: patientsFeature.selectAppointments, value: detail.appointments },
            { selector: patientsFeature.selectSaveBusy, value: false },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(PatientPage);
    fixture.componentRef.setInput('id', 'p1');
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  it('loads the record and shows appointments, the requests behind them and the registered sections', async () => {
    await setup('receptionist');
    expect(store.dispatch).toHaveBeenCalledWith(PatientPageActions.opened({ id: 'p1' }));
    expect(text()).toContain('Claire Morris');
    expect(text()).toContain('New patient exam with Dr Alex Morgan');
    TestBed.inject(HttpTestingController).expectOne('/api/requests/r1').flush({ id: 'r1', reference: 'AP-7K3QX', kind: 'appointment', receivedAt: '2026-11-20T10:00:00Z', outcome: 'booked' });
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector('a[href="/requests/r1"]');
    expect(link?.textContent).toBe('AP-7K3QX');
    expect(text()).toContain('Appointment request, 20 Nov 2026 · booked');
    expect(text()).toContain('Visits for p1');
    expect(text()).not.toContain('Data and records');
  });

  it('saves edits with the version the user started from', async () => {
    await setup('receptionist');
    const phone = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('[formControlName=phone]')!;
    phone.value = '07700 900555';
    phone.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(jasmine.objectContaining({ type: PatientPageActions.saveSubmitted.type, id: 'p1', version: 3 }));
  });

  it('after a 412 brings in their other changes, shows the clash and saves the user\'s typing on top of their version', async () => {
    await setup('receptionist');
    const element: HTMLElement = fixture.nativeElement;
    const phone = element.querySelector<HTMLInputElement>('[formControlName=phone]')!;
    phone.value = '07700 900111';
    phone.dispatchEvent(new Event('input'));
    store.overrideSelector(patientsFeature.selectRecord, { ...initialRecordState, id: 'p1', status: 'loaded', detail, saveStatus: 'stale', saveError: { status: 412, code: 'stale', message: '', fields: {} } });
    store.refreshState();
    await fixture.whenStable();
    expect(text()).toContain('Someone else saved this patient\'s details while you were editing.');

    const theirs = patientFixture({ phone: '07700 900222', gpPractice: 'Elm Tree Surgery', version: 4 });
    store.overrideSelector(patientsFeature.selectRecord, { ...initialRecordState, id: 'p1', status: 'loaded', detail, saveStatus: 'stale', latest: theirs });
    store.refreshState();
    await fixture.whenStable();
    expect(text()).toContain('Their changes are now in the form: GP practice.');
    expect(text()).toContain('Phone: theirs 07700 900222, yours 07700 900111');
    expect(element.querySelector<HTMLInputElement>('[formControlName=gpPractice]')!.value).toBe('Elm Tree Surgery');
    expect(phone.value).toBe('07700 900111');

    const save = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Save the form as it is now'))!;
    save.click();
    expect(store.dispatch).toHaveBeenCalledWith(jasmine.objectContaining({
      type: PatientPageActions.saveSubmitted.type, version: 4,
      input: jasmine.objectContaining({ phone: '07700 900111', gpPractice: 'Elm Tree Surgery' }),
    }));
  });

  it('gives managers merge, export, printable summary and anonymise', async () => {
    await setup('manager');
    expect(text()).toContain('Data and records');
    expect(text()).toContain('Merge a duplicate into this record');
    expect(text()).toContain('Export everything (JSON)');
    expect(text()).toContain('Anonymise');
    const exportButton = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).find((b) => b.textContent?.includes('Export everything'))!;
    exportButton.click();
    expect(store.dispatch).toHaveBeenCalledWith(PatientPageActions.exportClicked({ id: 'p1' }));
  });
});
