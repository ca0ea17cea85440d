import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { DEFAULT_FILTERS } from '../state/queue-filters';
import { TriageQueueActions } from '../state/requests.actions';
import { requestsFeature } from '../state/requests.feature';
import { emergencyDetail, summaryFixture } from '../testing/request-fixtures';
import { toSummary } from '../state/to-summary';
import { QueuePage } from './queue-page';

describe('QueuePage', () => {
  let fixture: ComponentFixture<QueuePage>;
  let store: MockStore;
  const emergency = toSummary(emergencyDetail({ id: 'e1', name: 'Alex Emergency' }));
  const held = summaryFixture({ id: 'h1', name: 'Held Patient', holder: { id: 'u2', name: 'Jo Bloggs' }, status: 'in-progress', holdExpiresAt: '2999-01-01T00:00:00Z' });
  const routine = summaryFixture({ id: 'r1', name: 'Routine Patient' });
  const user = sessionFixture().user;

  beforeEach(async () => {
    localStorage.removeItem(`cd.queue.filters.${user.id}`);
    await TestBed.configureTestingModule({
      imports: [QueuePage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: user },
            { selector: requestsFeature.selectAllRequests, value: [emergency, held, routine] },
            { selector: requestsFeature.selectFilters, value: DEFAULT_FILTERS },
            { selector: requestsFeature.selectCountLabel, value: '1,000+ requests' },
            { selector: requestsFeature.selectListStatus, value: 'loaded' },
            { selector: requestsFeature.selectListError, value: null },
            { selector: requestsFeature.selectPageLoading, value: false },
            { selector: requestsFeature.selectHasMore, value: false },
            { selector: requestsFeature.selectFocusedId, value: 'e1' },
            { selector: requestsFeature.selectFocusedRequest, value: emergency },
            { selector: requestsFeature.selectClaiming, value: {} },
            { selector: requestsFeature.selectClaimErrors, value: { r1: 'Jo Bloggs is working on this request.' } },
            { selector: requestsFeature.selectDetailId, value: null },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(QueuePage);
    await fixture.whenStable();
    // The virtual scroller measures its viewport after the first render.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const press = (key: string, target: EventTarget = document.body) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

  it('opens the queue with the remembered filters', () => {
    expect(store.dispatch).toHaveBeenCalledWith(TriageQueueActions.opened({ filters: DEFAULT_FILTERS }));
  });

  it('shows priority, red flag, holder and the flagged phrase as text', () => {
    const rows = element().querySelectorAll('cd-request-row');
    expect(rows.length).toBe(3);
    expect(rows[0]!.textContent).toContain('Emergency');
    expect(rows[0]!.textContent).toContain('Red flag');
    expect(rows[0]!.querySelector('mark')!.textContent).toBe('numb down below');
    expect(rows[1]!.textContent).toContain('Held by Jo Bloggs');
    expect(rows[2]!.textContent).toContain('Jo Bloggs is working on this request.');
  });

  it('claims with one click, optimistically', () => {
    const claim = element().querySelector<HTMLButtonElement>('button[aria-label="Claim request from Routine Patient"]')!;
    claim.click();
    expect(store.dispatch).toHaveBeenCalledWith(TriageQueueActions.claimClicked({ request: routine, me: { id: user.id, name: user.name } }));
  });

  it('offers no claim button on a request someone else holds', () => {
    expect(element().querySelector('button[aria-label="Claim request from Held Patient"]')).toBeNull();
  });

  it('moves with j and k and claims the focused row with c', () => {
    press('j');
    expect(store.dispatch).toHaveBeenCalledWith(TriageQueueActions.rowFocused({ id: 'h1' }));
    press('c');
    expect(store.dispatch).toHaveBeenCalledWith(TriageQueueActions.claimClicked({ request: emergency, me: { id: user.id, name: user.name } }));
  });

  it('opens the focused request with Enter and the call log with a', () => {
    const router = TestBed.inject(Router);
    spyOn(router, 'navigate').and.resolveTo(true);
    press('Enter');
    expect(router.navigate).toHaveBeenCalledWith(['/requests', 'e1']);
    press('a');
    expect(router.navigate).toHaveBeenCalledWith(['/requests', 'e1'], { queryParams: { focus: 'attempt' } });
  });

  it('focuses the search with /, and does not treat typing there as shortcuts', () => {
    press('/');
    const search = element().querySelector<HTMLInputElement>('input[type=search]')!;
    expect(document.activeElement).toBe(search);
    (store.dispatch as jasmine.Spy).calls.reset();
    press('j', search);
    press('c', search);
    expect(store.dispatch).not.toHaveBeenCalled();
  });

  it('searches after a pause in typing, not on every key', async () => {
    const search = element().querySelector<HTMLInputElement>('input[type=search]')!;
    for (const value of ['0', '07', '077']) {
      search.value = value;
      search.dispatchEvent(new Event('input'));
    }
    expect(store.dispatch).not.toHaveBeenCalledWith(TriageQueueActions.filtersChanged({ filters: { q: '077' } }));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(store.dispatch).toHaveBeenCalledWith(TriageQueueActions.filtersChanged({ filters: { q: '077' } }));
    expect(store.dispatch).not.toHaveBeenCalledWith(TriageQueueActions.filtersChanged({ filters: { q: '07' } }));
  });

  it('shows the queue\'s count as the store words it (a lower bound past the server\'s cap)', () => {
    expect(element().querySelector('.count[role="status"]')?.textContent?.trim()).toBe('1,000+ requests');
  });

  it('keeps only the visible rows in the DOM with 10,000 requests', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => summaryFixture({ id: `m${i}`, name: `Many ${i}` }));
    store.overrideSelector(requestsFeature.selectAllRequests, many);
    store.refreshState();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    const rendered = element().querySelectorAll('cd-request-row').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
  });
});
