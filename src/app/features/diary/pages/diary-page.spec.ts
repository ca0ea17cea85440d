import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { BookingDialog } from '../booking/booking-dialog';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { appointmentFixture, clinicianFixtures } from '../testing/diary-fixtures';
import { DiaryPageActions } from '../state/diary.actions';
import { diaryFeature } from '../state/diary.feature';
import { DiaryPage } from './diary-page';

describe('DiaryPage', () => {
  let fixture: ComponentFixture<DiaryPage>;
  let store: MockStore;
  const appointment = appointmentFixture({ start: '2026-11-26T10:00:00.000Z', end: '2026-11-26T10:20:00.000Z', typeName: 'Follow-up' });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [DiaryPage],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture().user },
            { selector: centreFeature.selectSelected, value: 'c1' },
            { selector: diaryFeature.selectDate, value: '2026-11-26' },
            { selector: diaryFeature.selectStatus, value: 'loaded' },
            { selector: diaryFeature.selectError, value: null },
            { selector: diaryFeature.selectColumns, value: [{ clinician: clinicianFixtures[0], appointments: [appointment] }, { clinician: clinicianFixtures[1], appointments: [] }] },
            { selector: diaryFeature.selectActiveAppointments, value: [appointment] },
            { selector: diaryFeature.selectCancelled, value: [] },
            { selector: diaryFeature.selectPendingIds, value: [] },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(DiaryPage);
    fixture.componentRef.setInput('date', '2026-11-26');
    await fixture.whenStable();
  });

  it('opens the centre chosen in the toolbar on the day in the link', () => {
    expect(store.dispatch).toHaveBeenCalledWith(DiaryPageActions.opened({ centreId: 'c1', timeZone: 'Europe/London', date: '2026-11-26' }));
  });

  it('shows a column per chiropractor with the appointment as a button naming patient, type and status', () => {
    const element: HTMLElement = fixture.nativeElement;
    const heads = Array.from(element.querySelectorAll('.head')).map((h) => h.textContent?.trim());
    expect(heads).toEqual(['Dr Alex Morgan', 'Dr Tom Baker']);
    const button = element.querySelector<HTMLButtonElement>('button.appt')!;
    expect(button.getAttribute('aria-label')).toBe('10:00–10:20, Claire Morris, Follow-up, Booked. Open actions');
    // 10:00 is two hours below the 08:00 top at 2 px a minute.
    expect((button.parentElement as HTMLElement).style.top).toBe('240px');
  });

  it('opens the booking dialog from a /diary?book=<requestId> link', async () => {
    const dialog = TestBed.inject(MatDialog);
    const open = spyOn(dialog, 'open').and.callThrough();
    fixture.componentRef.setInput('book', 'r42');
    await fixture.whenStable();
    expect(open).toHaveBeenCalledWith(BookingDialog, jasmine.objectContaining({ data: { requestId: 'r42' } }));
    dialog.closeAll();
  });

  it('moves to the next day and the previous day', async () => {
    const element: HTMLElement = fixture.nativeElement;
    element.querySelector<HTMLButtonElement>('button[aria-label="Next day"]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DiaryPageActions.dateChanged({ date: '2026-11-27' }));
    element.querySelector<HTMLButtonElement>('button[aria-label="Previous day"]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DiaryPageActions.dateChanged({ date: '2026-11-25' }));
  });

  it('marks an appointment attended from its menu', async () => {
    const element: HTMLElement = fixture.nativeElement;
    element.querySelector<HTMLButtonElement>('button.appt')!.click();
    await fixture.whenStable();
    const item = Array.from(document.querySelectorAll<HTMLButtonElement>('.mat-mdc-menu-panel button')).find((b) => b.textContent?.includes('Mark attended'));
    expect(item).toBeDefined();
    item!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DiaryPageActions.attendedClicked({ appointment }));
  });
});
