import { HttpErrorResponse } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, of, Subject, take, throwError, toArray } from 'rxjs';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import type { LiveChange, LiveEvents } from '../../../core/live/live-events';
import type { QueuePage } from '../../../../shared/api/requests';
import type { RequestsApi } from '../data/requests-api';
import { detailFixture, emergencyDetail, summaryFixture } from '../testing/request-fixtures';
import { DEFAULT_FILTERS } from './queue-filters';
import { RequestsApiActions, RequestsLiveActions, TriageQueueActions } from './requests.actions';
import { claim, liveReconnected, liveRequestChanges, loadQueue, refreshAfterRefusedClaim } from './requests.effects';
import { requestsFeature } from './requests.feature';
import { toSummary } from './to-summary';
import { sessionFixture } from '../../../testing/fixtures';

describe('requests effects', () => {
  let store: MockStore;
  let api: jasmine.SpyObj<RequestsApi>;
  let changes: Subject<LiveChange>;
  let live: LiveEvents;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideMockStore({
          selectors: [
            { selector: requestsFeature.selectFilters, value: DEFAULT_FILTERS },
            { selector: requestsFeature.selectDetailId, value: null },
            { selector: centreFeature.selectSelected, value: 'all' },
            { selector: authFeature.selectUser, value: sessionFixture().user },
          ],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    api = jasmine.createSpyObj<RequestsApi>('RequestsApi', ['list', 'get', 'claim']);
    changes = new Subject<LiveChange>();
    live = { changes$: changes.asObservable() } as unknown as LiveEvents;
  });

  it('fetches the row of a request announced by a live event, without an audited full read', async () => {
    const request = emergencyDetail({ id: 'r-live' });
    api.list.and.returnValue(of({ items: [toSummary(request)], total: 1, totalCapped: false }));
    const result = firstValueFrom(liveRequestChanges(live, store, api));
    changes.next({ type: 'request.created', id: 'r-live', centreId: 'c1', version: 1, at: '2026-11-26T10:00:00Z' });
    expect(await result).toEqual(RequestsLiveActions.requestChanged({ request: toSummary(request) }));
    expect(api.list).toHaveBeenCalledWith({ ids: ['r-live'], limit: 1 });
    expect(api.get).not.toHaveBeenCalled();
  });

  it('reads a burst one read at a time: the first event at once, the ids announced meanwhile together in the next, each once', async () => {
    const a1 = summaryFixture({ id: 'burst-a', version: 1 });
    const a2 = summaryFixture({ id: 'burst-a', version: 2 });
    const b = summaryFixture({ id: 'burst-b' });
    const firstAnswer = new Subject<QueuePage>();
    api.list.and.returnValues(firstAnswer, of({ items: [b, a2], total: 2, totalCapped: false }));
    const result = firstValueFrom(liveRequestChanges(live, store, api).pipe(take(4), toArray()));
    changes.next({ type: 'request.created', id: 'burst-a', version: 1, at: '2026-11-26T10:00:00Z' });
    expect(api.list).toHaveBeenCalledOnceWith({ ids: ['burst-a'], limit: 1 });
    // While that read is out: another request, burst-a changing again, and one that is gone.
    for (const id of ['burst-b', 'burst-a', 'burst-gone']) {
      changes.next({ type: 'request.changed', id, version: 2, at: '2026-11-26T10:00:00Z' });
    }
    expect(api.list).toHaveBeenCalledTimes(1);
    firstAnswer.next({ items: [a1], total: 1, totalCapped: false });
    firstAnswer.complete();
    expect(await result).toEqual([
      RequestsLiveActions.requestChanged({ request: a1 }),
      RequestsLiveActions.requestChanged({ request: b }),
      RequestsLiveActions.requestChanged({ request: a2 }),
      RequestsLiveActions.requestLeft({ id: 'burst-gone' }),
    ]);
    expect(api.list.calls.allArgs()).toEqual([
      [{ ids: ['burst-a'], limit: 1 }],
      [{ ids: ['burst-b', 'burst-a', 'burst-gone'], limit: 3 }],
    ]);
  });

  it('keeps reading after a read fails: the next event brings its row', async () => {
    const a = summaryFixture({ id: 'after-a' });
    api.list.and.returnValues(throwError(() => new HttpErrorResponse({ status: 503 })), of({ items: [a], total: 1, totalCapped: false }));
    const result = firstValueFrom(liveRequestChanges(live, store, api));
    changes.next({ type: 'request.changed', id: 'lost', version: 2, at: '2026-11-26T10:00:00Z' });
    changes.next({ type: 'request.changed', id: 'after-a', version: 1, at: '2026-11-26T10:00:00Z' });
    expect(await result).toEqual(RequestsLiveActions.requestChanged({ request: a }));
  });

  it('takes a request off the list when the user can no longer see it', async () => {
    api.list.and.returnValue(of({ items: [], total: 0, totalCapped: false }));
    const result = firstValueFrom(liveRequestChanges(live, store, api));
    changes.next({ type: 'request.changed', id: 'r-moved', version: 2, at: '2026-11-26T10:00:00Z' });
    expect(await result).toEqual(RequestsLiveActions.requestLeft({ id: 'r-moved' }));
  });

  it('takes a request off the list when it no longer matches the filters', async () => {
    api.list.and.returnValue(of({ items: [toSummary(detailFixture({ id: 'r-closed', status: 'closed', outcome: 'booked' }))], total: 1, totalCapped: false }));
    const result = firstValueFrom(liveRequestChanges(live, store, api));
    changes.next({ type: 'request.changed', id: 'r-closed', version: 4, at: '2026-11-26T10:00:00Z' });
    expect(await result).toEqual(RequestsLiveActions.requestLeft({ id: 'r-closed' }));
  });

  it('also refreshes the open panel when its request changes', async () => {
    store.overrideSelector(requestsFeature.selectDetailId, 'r-open');
    store.refreshState();
    const request = detailFixture({ id: 'r-open', version: 7 });
    api.list.and.returnValue(of({ items: [toSummary(request)], total: 1, totalCapped: false }));
    api.get.and.returnValue(of(request));
    const result = firstValueFrom(liveRequestChanges(live, store, api).pipe(take(2), toArray()));
    changes.next({ type: 'request.changed', id: 'r-open', version: 7, at: '2026-11-26T10:00:00Z' });
    expect(await result).toEqual([
      RequestsLiveActions.requestChanged({ request: toSummary(request) }),
      RequestsLiveActions.openRequestChanged({ request }),
    ]);
  });

  it('turns a reconnect into a reload of the list', async () => {
    const result = firstValueFrom(liveReconnected(live));
    changes.next({ type: 'reconnected', at: '2026-11-26T10:00:00Z' });
    expect(await result).toEqual(RequestsLiveActions.reconnected());
  });

  it('rolls a claim back with the holder’s name when the server answers 409', async () => {
    const request = summaryFixture({ id: 'r1', version: 2 });
    api.claim.and.returnValue(throwError(() => new HttpErrorResponse({
      status: 409, error: { error: { code: 'held', message: 'Held by Jo Bloggs' } },
    })));
    const actions$ = of(TriageQueueActions.claimClicked({ request, me: { id: 'u1', name: 'Sam Patel' } }));
    const action = await firstValueFrom(claim(actions$, api));
    expect(api.claim).toHaveBeenCalledWith('r1', 2);
    expect(action).toEqual(RequestsApiActions.claimFailed({
      previous: request, error: { status: 409, code: 'held', message: 'Held by Jo Bloggs', fields: {} },
    }));
  });

  it('reads the request again after a refused claim so the row shows the real holder', async () => {
    const fresh = detailFixture({ id: 'r1', version: 3, holder: { id: 'u2', name: 'Jo Bloggs' } });
    api.get.and.returnValue(of(fresh));
    const refused = RequestsApiActions.claimFailed({
      previous: summaryFixture({ id: 'r1' }), error: { status: 409, code: 'held', message: 'Held by Jo Bloggs', fields: {} },
    });
    expect(await firstValueFrom(refreshAfterRefusedClaim(of(refused), api))).toEqual(RequestsApiActions.requestRefreshed({ request: fresh }));
  });

  it('loads the first page with the filters and the chosen centre', async () => {
    store.overrideSelector(requestsFeature.selectFilters, { ...DEFAULT_FILTERS, kind: 'callback', q: ' 07700 ', overdue: true });
    store.overrideSelector(centreFeature.selectSelected, 'c9');
    store.refreshState();
    const page = { items: [summaryFixture()], total: 1, totalCapped: false };
    api.list.and.returnValue(of(page));
    const action: Action = await firstValueFrom(loadQueue(of(TriageQueueActions.retryClicked()), store, api));
    expect(api.list).toHaveBeenCalledWith(jasmine.objectContaining({
      q: '07700', kind: 'callback', overdue: true, centreId: 'c9', status: 'open', sort: 'priority', offset: 0,
    }));
    expect(action).toEqual(RequestsApiActions.queueLoaded({ page }));
  });
});
