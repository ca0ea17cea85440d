import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { Subject } from 'rxjs';
import { authFeature } from '../../../core/auth/auth.feature';
import { type LiveChange, LiveEvents } from '../../../core/live/live-events';
import { emergencyDetail } from '../testing/request-fixtures';
import { EmergencyAlert } from './emergency-alert';

describe('EmergencyAlert', () => {
  let fixture: ComponentFixture<EmergencyAlert>;
  let http: HttpTestingController;
  let changes: Subject<LiveChange>;

  async function setup(role: 'receptionist' | 'chiropractor' = 'receptionist') {
    changes = new Subject<LiveChange>();
    await TestBed.configureTestingModule({
      imports: [EmergencyAlert],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({ selectors: [{ selector: authFeature.selectRole, value: role }] }),
        { provide: LiveEvents, useValue: { changes$: changes.asObservable() } },
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EmergencyAlert);
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  const dialog = () => (fixture.nativeElement as HTMLElement).querySelector('[role=alertdialog]');

  it('raises an alert for a new emergency and clears it when acknowledged', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests' && r.params.get('priority') === 'emergency').flush({ items: [], total: 0 });
    changes.next({ type: 'request.created', id: 'e1', centreId: 'c1', version: 1, at: '2026-11-26T10:00:00Z' });
    http.expectOne('/api/requests/e1').flush(emergencyDetail({ id: 'e1', name: 'Alex Emergency', version: 1 }));
    await fixture.whenStable();
    expect(dialog()).not.toBeNull();
    expect(dialog()!.textContent).toContain('Alex Emergency');
    expect(dialog()!.textContent).toContain('Advise 999 or A&E now');
    expect(dialog()!.textContent).toContain('Please call 999 or go to A&E now');

    Array.from(dialog()!.querySelectorAll('button')).find((b) => b.textContent?.includes('Acknowledge'))!.click();
    const ack = http.expectOne('/api/requests/e1/acknowledge-flags');
    expect(ack.request.headers.get('If-Match')).toBe('"1"');
    ack.flush(emergencyDetail({ id: 'e1', version: 2, flagsAcknowledged: true }));
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('clears the alert everywhere when a colleague acknowledges it', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [emergencyDetail({ id: 'e2', version: 3 })], total: 1 });
    await fixture.whenStable();
    expect(dialog()).not.toBeNull();
    changes.next({ type: 'request.changed', id: 'e2', version: 4, at: '2026-11-26T10:00:00Z' });
    http.expectOne('/api/requests/e2').flush(emergencyDetail({ id: 'e2', version: 4, flagsAcknowledged: true }));
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('does not alert for an urgent request', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [], total: 0 });
    changes.next({ type: 'request.created', id: 'u1', version: 1, at: '2026-11-26T10:00:00Z' });
    http.expectOne('/api/requests/u1').flush(emergencyDetail({ id: 'u1', priority: 'urgent' }));
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('stays quiet for chiropractors', async () => {
    await setup('chiropractor');
    http.expectNone('/api/requests');
    expect(dialog()).toBeNull();
  });
});
