import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { appointmentFixture, clinicianFixtures, patientFixture, slotFixture, typeFixtures } from '../testing/diary-fixtures';
import { BookingDialog, type BookingDialogData } from './booking-dialog';

describe('BookingDialog', () => {
  let http: HttpTestingController;
  let loader: HarnessLoader;
  let dialog: MatDialog;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture().user },
            { selector: centreFeature.selectSelected, value: 'c1' },
          ],
        }),
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    dialog = TestBed.inject(MatDialog);
    loader = TestbedHarnessEnvironment.documentRootLoader(TestBed.createComponent(DummyHost));
  });

  afterEach(() => dialog.closeAll());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 260));
    await TestBed.inject(ApplicationRef).whenStable();
  }

  function open(data: BookingDialogData) {
    return dialog.open(BookingDialog, { data });
  }

  function answerSetupCalls(): void {
    http.expectOne('/api/appointment-types').flush(typeFixtures);
    http.expectOne((r) => r.url === '/api/clinicians').flush(clinicianFixtures);
    http.expectOne('/api/patients/p1').flush({ patient: patientFixture(), appointments: [], requestIds: [], mergedFrom: [] });
  }

  it('asks for slots honouring the preferred days and time of day', async () => {
    open({ patientId: 'p1', centreId: 'c1', typeId: 't-fu', preferredDays: ['tue', 'thu'], preferredTimeOfDay: 'morning' });
    answerSetupCalls();
    await settle();
    const request = http.expectOne((r) => r.url === '/api/slots');
    expect(request.request.params.getAll('preferredDays')).toEqual(['2', '4']);
    expect(request.request.params.get('preferredTimeOfDay')).toBe('morning');
    expect(request.request.params.get('typeId')).toBe('t-fu');
    expect(request.request.params.get('clinicianId')).toBeNull();
    request.flush([]);
  });

  it('explains a slot someone just took and shows the fresh slots', async () => {
    const ref = open({ patientId: 'p1', centreId: 'c1', typeId: 't-new', requestId: 'r1' });
    http.expectOne('/api/requests/r1').flush({
      id: 'r1', reference: 'AP-7K3QX', name: 'Claire Morris', phone: '07700 900123', email: null, centre: { id: 'c1', name: 'Riverside Centre' },
      patientId: 'p1', matches: { patients: [], requests: [] }, preferences: { preferredTime: null, preferredDays: [], preferredTimeOfDay: null, newPatient: true },
    });
    http.expectOne('/api/appointment-types').flush(typeFixtures);
    http.expectOne((r) => r.url === '/api/clinicians').flush(clinicianFixtures);
    http.expectOne('/api/patients/p1').flush({ patient: patientFixture(), appointments: [], requestIds: [], mergedFrom: [] });
    await settle();
    http.expectOne((r) => r.url === '/api/slots').flush([slotFixture('2026-12-01T09:00:00.000Z'), slotFixture('2026-12-01T10:00:00.000Z', 'k2')]);
    await settle();

    const dialogHarness = await loader.getHarness(MatDialogHarness);
    const host = await dialogHarness.host();
    expect(await host.text()).toContain('Claire Morris');
    const slotButtons = document.querySelectorAll<HTMLButtonElement>('cd-slot-list button.slot');
    expect(slotButtons.length).toBe(2);
    slotButtons[0]!.click();
    await settle();

    const book = await loader.getHarness(MatButtonHarness.with({ text: 'Book' }));
    expect(await book.isDisabled()).toBeFalse();
    await book.click();
    const booking = http.expectOne('/api/appointments');
    expect(booking.request.body).toEqual(jasmine.objectContaining({ clinicianId: 'k1', patientId: 'p1', typeId: 't-new', requestId: 'r1', start: '2026-12-01T09:00:00.000Z' }));
    booking.flush({ error: { code: 'slot_taken', message: 'That time has just been booked.' } }, { status: 409, statusText: 'Conflict' });
    await settle();

    expect(await host.text()).toContain('Someone has just booked that time. Here are the free slots now.');
    http.expectOne((r) => r.url === '/api/slots').flush([slotFixture('2026-12-01T10:00:00.000Z', 'k2'), slotFixture('2026-12-02T09:00:00.000Z')]);
    await settle();
    const fresh = Array.from(document.querySelectorAll('cd-slot-list button.slot')).map((b) => b.textContent?.trim());
    expect(fresh.length).toBe(2);
    expect(fresh[0]).toContain('10:00');
    expect(await book.isDisabled()).toBeTrue();

    let closedWith: unknown = 'open';
    ref.afterClosed().subscribe((value) => (closedWith = value));
    document.querySelectorAll<HTMLButtonElement>('cd-slot-list button.slot')[0]!.click();
    await settle();
    await book.click();
    const created = appointmentFixture({ id: 'a7', clinicianId: 'k2' });
    http.expectOne('/api/appointments').flush(created, { status: 201, statusText: 'Created' });
    await settle();
    expect(closedWith).toEqual(created);
  });
});

@Component({ selector: 'cd-dummy-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class DummyHost {}
