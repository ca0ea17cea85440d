import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { appointmentFixture } from '../testing/diary-fixtures';
import { TodayPageActions } from '../state/diary.actions';
import { todayFeature } from '../state/today.feature';
import { TodayPage } from './today-page';

describe('TodayPage', () => {
  let fixture: ComponentFixture<TodayPage>;
  let store: MockStore;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [TodayPage],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture({ role: 'chiropractor' }).user },
            { selector: centreFeature.selectSelected, value: 'c1' },
            {
              selector: todayFeature.selectTodayAppointments,
              value: [
                appointmentFixture({ id: 'a1', start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:45:00.000Z', patientName: 'Claire Morris', status: 'attended' }),
                appointmentFixture({ id: 'a2', patientId: 'p2', start: '2026-11-26T10:00:00.000Z', end: '2026-11-26T10:20:00.000Z', patientName: 'Arjun Mitchell', typeName: 'Follow-up' }),
              ],
            },
            { selector: todayFeature.selectDate, value: '2026-11-26' },
            { selector: todayFeature.selectStatus, value: 'loaded' },
            { selector: todayFeature.selectError, value: null },
            { selector: todayFeature.selectPendingIds, value: [] },
            { selector: todayFeature.selectClinicianId, value: null },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(TodayPage);
    await fixture.whenStable();
  });

  it('loads the signed-in chiropractor\'s own day', () => {
    expect(store.dispatch).toHaveBeenCalledWith(TodayPageActions.opened({ clinicianId: null }));
  });

  it('lists the appointments in time order with patient, type, status and a link to the record', () => {
    const items = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('li.item'));
    expect(items.length).toBe(2);
    expect(items[0]!.textContent).toContain('09:00');
    expect(items[0]!.textContent).toContain('Attended');
    expect(items[1]!.textContent).toContain('Arjun Mitchell');
    expect(items[1]!.textContent).toContain('Follow-up');
    expect(items[1]!.querySelector('a')!.getAttribute('href')).toBe('/patients/p2');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('2 appointments today, 1 still to see.');
  });
});
