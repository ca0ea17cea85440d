import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { Subject } from 'rxjs';
import { authFeature } from '../../../core/auth/auth.feature';
import { type LiveChange, LiveEvents } from '../../../core/live/live-events';
import { LIVE_READS } from '../../../core/live/read-in-turns';
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

  /** The live read of these ids from the queue list (not the audited full read). */
  const idsRead = (...ids: string[]) => http.expectOne((r) => r.url === '/api/requests' && r.params.getAll('ids')?.join() === ids.join());

  const dialog = () => (fixture.nativeElement as HTMLElement).querySelector('[role=alertdialog]');

  it('raises an alert for a new emergency and clears it when acknowledged', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests' && r.params.get('priority') === 'emergency').flush({ items: [], total: 0 });
    changes.next({ type: 'request.created', id: 'e1', centreId: 'c1', version: 1, at: '2026-11-26T10:00:00Z' });
    idsRead('e1').flush({ items: [emergencyDetail({ id: 'e1', name: 'Alex Emergency', version: 1 })], total: 1 });
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
    idsRead('e2').flush({ items: [emergencyDetail({ id: 'e2', version: 4, flagsAcknowledged: true })], total: 1 });
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('does not alert for an urgent request', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [], total: 0 });
    changes.next({ type: 'request.created', id: 'u1', version: 1, at: '2026-11-26T10:00:00Z' });
    idsRead('u1').flush({ items: [emergencyDetail({ id: 'u1', priority: 'urgent' })], total: 1 });
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('reads a burst of new requests in a few list reads, never one audited full read each', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests' && r.params.get('priority') === 'emergency').flush({ items: [], total: 0 });
    for (const id of ['b1', 'b2', 'b3', 'b4']) changes.next({ type: 'request.created', id, version: 1, at: '2026-11-26T10:00:00Z' });
    // The first is read at once; the rest wait for the next turn (LIVE_READS.gapMs) and go together.
    idsRead('b1').flush({ items: [emergencyDetail({ id: 'b1', priority: 'urgent' })], total: 1 });
    http.expectNone((r) => r.url.startsWith('/api/requests/'));
    await new Promise((resolve) => setTimeout(resolve, LIVE_READS.gapMs + 50));
    idsRead('b2', 'b3', 'b4').flush({ items: [emergencyDetail({ id: 'b3', name: 'Burst Emergency', version: 1 })], total: 1 });
    http.expectNone((r) => r.url.startsWith('/api/requests/'));
    await fixture.whenStable();
    expect(dialog()!.textContent).toContain('Burst Emergency');
  });

  it('drops the alert when the request is no longer on the list (gone, spam, or another centre)', async () => {
    await setup();
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [emergencyDetail({ id: 'e3', version: 1 })], total: 1 });
    await fixture.whenStable();
    expect(dialog()).not.toBeNull();
    changes.next({ type: 'request.changed', id: 'e3', version: 2, at: '2026-11-26T10:00:00Z' });
    idsRead('e3').flush({ items: [], total: 0 });
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('stays quiet for chiropractors', async () => {
    await setup('chiropractor');
    http.expectNone('/api/requests');
    expect(dialog()).toBeNull();
  });
});
