import { DEFAULT_FILTERS } from './queue-filters';
import { RequestDetailActions, RequestsApiActions, RequestsLiveActions, TriageQueueActions } from './requests.actions';
import { initialRequestsState, requestsAdapter, requestsFeature, type RequestsState } from './requests.feature';
import { detailFixture, summaryFixture } from '../testing/request-fixtures';

const reducer = requestsFeature.reducer;
const me = { id: 'u1', name: 'Sam Patel' };

function loaded(items = [summaryFixture()], total = items.length): RequestsState {
  return reducer(initialRequestsState, RequestsApiActions.queueLoaded({ page: { items, total, totalCapped: false } }));
}

/** The list as the page shows it (the projector, so other specs' overridden selectors cannot leak in). */
function shown(state: RequestsState) {
  return requestsFeature.selectAllRequests.projector(requestsAdapter.getSelectors().selectAll(state), state.filters);
}

describe('requests feature', () => {
  it('orders emergencies first, then urgent, then by how soon each is due', () => {
    const routineSoon = summaryFixture({ id: 'routine-soon', priority: 'routine', dueAt: '2026-11-26T09:30:00Z' });
    const urgentLate = summaryFixture({ id: 'urgent-late', priority: 'urgent', dueAt: '2026-11-26T15:00:00Z' });
    const emergency = summaryFixture({ id: 'emergency', priority: 'emergency', dueAt: '2026-11-26T16:00:00Z' });
    const routineLate = summaryFixture({ id: 'routine-late', priority: 'routine', dueAt: '2026-11-26T12:00:00Z' });
    const state = loaded([routineLate, routineSoon, urgentLate, emergency]);
    expect(state.ids).toEqual(['emergency', 'urgent-late', 'routine-soon', 'routine-late']);
  });

  it('lists in the order the user chose, a live arrival included, and keeps that order through "Clear filters"', () => {
    const old = summaryFixture({ id: 'old', priority: 'emergency', receivedAt: '2026-11-26T08:00:00Z', dueAt: '2026-11-26T08:00:00Z' });
    const mid = summaryFixture({ id: 'mid', priority: 'routine', receivedAt: '2026-11-26T09:00:00Z', dueAt: '2026-11-26T11:00:00Z' });
    const recent = summaryFixture({ id: 'recent', priority: 'urgent', receivedAt: '2026-11-26T09:30:00Z', dueAt: '2026-11-26T10:30:00Z' });
    const byNewest = reducer(loaded([old, mid]), TriageQueueActions.filtersChanged({ filters: { sort: 'newest' } }));
    const withLive = reducer(byNewest, RequestsLiveActions.requestChanged({ request: recent }));
    expect(shown(withLive).map((r) => r.id)).toEqual(['recent', 'mid', 'old']);
    const oldest = reducer(withLive, TriageQueueActions.filtersChanged({ filters: { sort: 'oldest' } }));
    expect(shown(oldest).map((r) => r.id)).toEqual(['old', 'mid', 'recent']);
    const due = reducer(withLive, TriageQueueActions.filtersChanged({ filters: { sort: 'due' } }));
    expect(shown(due).map((r) => r.id)).toEqual(['old', 'recent', 'mid']);
    const cleared = reducer(withLive, TriageQueueActions.filtersReset());
    expect(cleared.filters.sort).toBe('newest');
    expect(shown({ ...withLive, filters: DEFAULT_FILTERS }).map((r) => r.id)).toEqual(['old', 'recent', 'mid']);
  });

  it('shows an edit or a reassignment as saving, then takes the server copy', () => {
    const request = summaryFixture({ id: 'a', version: 2 });
    const state = reducer(loaded([request]), RequestDetailActions.opened({ id: 'a' }));
    const input = { kind: 'callback' as const, name: 'New Name', phone: '07700 900123', email: '', centreId: 'c1', message: '' };
    const saving = reducer(state, RequestDetailActions.detailsSubmitted({ id: 'a', version: 2, input }));
    expect(saving.writeState).toEqual(jasmine.objectContaining({ write: 'edit', status: 'saving' }));
    const reassigning = reducer(state, RequestDetailActions.reassignSubmitted({ id: 'a', version: 2, staffId: 's2' }));
    expect(reassigning.writeState).toEqual(jasmine.objectContaining({ write: 'reassign', status: 'saving' }));
    const saved = reducer(saving, RequestsApiActions.writeSucceeded({ write: 'edit', request: detailFixture({ id: 'a', version: 3, name: 'New Name' }) }));
    expect(saved.entities['a']!.name).toBe('New Name');
    expect(saved.writeState.status).toBe('saved');
  });

  it('puts a live emergency at the top and counts it', () => {
    const state = loaded([summaryFixture({ id: 'a' })], 1);
    const next = reducer(state, RequestsLiveActions.requestChanged({ request: summaryFixture({ id: 'new', priority: 'emergency' }) }));
    expect(next.ids[0]).toBe('new');
    expect(next.total).toBe(2);
  });

  it('never lets an older copy overwrite a newer one', () => {
    const state = loaded([summaryFixture({ id: 'a', version: 5, status: 'in-progress' })]);
    const next = reducer(state, RequestsLiveActions.requestChanged({ request: summaryFixture({ id: 'a', version: 4, status: 'new' }) }));
    expect(next.entities['a']!.status).toBe('in-progress');
  });

  it('shows the claimer as holder at once and rolls back when the server refuses', () => {
    const request = summaryFixture({ id: 'a', version: 3 });
    const state = loaded([request]);
    const optimistic = reducer(state, TriageQueueActions.claimClicked({ request, me }));
    expect(optimistic.entities['a']!.holder).toEqual(me);
    expect(optimistic.claiming['a']).toBeTrue();

    const refused = reducer(optimistic, RequestsApiActions.claimFailed({
      previous: request,
      error: { status: 409, code: 'held', message: 'Held by Jo Bloggs', fields: {} },
    }));
    expect(refused.entities['a']!.holder).toBeNull();
    expect(refused.claiming['a']).toBeUndefined();
    expect(refused.claimErrors['a']).toBe('Held by Jo Bloggs');
  });

  it('ignores live updates to a row while its claim is in flight', () => {
    const request = summaryFixture({ id: 'a', version: 3 });
    const optimistic = reducer(loaded([request]), TriageQueueActions.claimClicked({ request, me }));
    const next = reducer(optimistic, RequestsLiveActions.requestChanged({ request: { ...request, version: 4 } }));
    expect(next.entities['a']!.holder).toEqual(me);
  });

  it('removes a request that left the list and lowers the total', () => {
    const next = reducer(loaded([summaryFixture({ id: 'a' }), summaryFixture({ id: 'b' })], 10), RequestsLiveActions.requestLeft({ id: 'a' }));
    expect(next.ids).toEqual(['b']);
    expect(next.total).toBe(9);
  });

  it('appends the next page without duplicating rows', () => {
    const a = summaryFixture({ id: 'a' });
    const b = summaryFixture({ id: 'b', dueAt: '2026-11-26T12:00:00Z' });
    const state = reducer(loaded([a], 2), RequestsApiActions.pageLoaded({ page: { items: [a, b], total: 2, totalCapped: false }, offset: 1 }));
    expect(state.ids).toEqual(['a', 'b']);
  });

  describe('past the server\'s counting cap', () => {
    const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => summaryFixture({ id: `r${String(from + i).padStart(4, '0')}` }));
    const capped = (items: ReturnType<typeof rows>) => ({ items, total: 1000, totalCapped: true });

    it('shows the count as a lower bound and keeps offering more pages', () => {
      const state = reducer(initialRequestsState, RequestsApiActions.queueLoaded({ page: capped(rows(0, 100)) }));
      expect(requestsFeature.selectCountLabel.projector(state.total, state.totalCapped)).toBe('1,000+ requests');
      expect(requestsFeature.selectHasMore.projector(100, state.total, state.totalCapped)).toBeTrue();
    });

    it('keeps the lower bound true as pages load beyond it, and ends with the real count once a page comes back empty', () => {
      let state = reducer(initialRequestsState, RequestsApiActions.queueLoaded({ page: capped(rows(0, 100)) }));
      for (let offset = 100; offset < 1200; offset += 100) state = reducer(state, RequestsApiActions.pageLoaded({ page: capped(rows(offset, 100)), offset }));
      state = reducer(state, RequestsApiActions.pageLoaded({ page: capped(rows(1200, 34)), offset: 1200 }));
      expect([state.ids.length, state.total, state.totalCapped]).toEqual([1234, 1234, true]);
      expect(requestsFeature.selectCountLabel.projector(state.total, state.totalCapped)).toBe('1,234+ requests');
      state = reducer(state, RequestsApiActions.pageLoaded({ page: capped([]), offset: 1234 }));
      expect([state.total, state.totalCapped]).toEqual([1234, false]);
      expect(requestsFeature.selectCountLabel.projector(state.total, state.totalCapped)).toBe('1,234 requests');
      expect(requestsFeature.selectHasMore.projector(1234, state.total, state.totalCapped)).toBeFalse();
    });

    it('counts exactly below the cap, as before', () => {
      const state = reducer(initialRequestsState, RequestsApiActions.queueLoaded({ page: { items: rows(0, 1), total: 1, totalCapped: false } }));
      expect(requestsFeature.selectCountLabel.projector(state.total, state.totalCapped)).toBe('1 request');
      expect(requestsFeature.selectHasMore.projector(1, state.total, state.totalCapped)).toBeFalse();
    });
  });

  it('keeps the panel open on a stale write and offers the fresh copy without forcing it', () => {
    const detail = detailFixture({ id: 'a', version: 2 });
    let state = reducer(loaded([summaryFixture({ id: 'a', version: 2 })]), RequestDetailActions.opened({ id: 'a' }));
    state = reducer(state, RequestsApiActions.detailLoaded({ request: detail }));
    state = reducer(state, RequestDetailActions.attemptSubmitted({ id: 'a', version: 2, input: { outcome: 'no-answer' } }));
    state = reducer(state, RequestsApiActions.writeFailed({
      write: 'attempt', id: 'a', error: { status: 412, code: 'stale', message: 'Changed', fields: {} },
    }));
    expect(state.writeState.status).toBe('stale');
    const latest = detailFixture({ id: 'a', version: 3 });
    state = reducer(state, RequestsApiActions.latestLoaded({ request: latest }));
    expect(state.detail!.version).toBe(2);
    state = reducer(state, RequestDetailActions.useLatestClicked());
    expect(state.detail!.version).toBe(3);
    expect(state.writeState.status).toBe('idle');
  });

  it('reloads from the first page when filters change', () => {
    const state = reducer(loaded(), TriageQueueActions.filtersChanged({ filters: { kind: 'appointment' } }));
    expect(state.filters).toEqual({ ...DEFAULT_FILTERS, kind: 'appointment' });
    expect(state.listStatus).toBe('loading');
  });

  describe('selectors', () => {
    it('knows when more pages are waiting on the server', () => {
      expect(requestsFeature.selectHasMore.projector(100, 250, false)).toBeTrue();
      expect(requestsFeature.selectHasMore.projector(250, 250, false)).toBeFalse();
    });

    it('names who changed the request last, for the stale-write message', () => {
      const latest = detailFixture({
        history: [
          { id: 'h1', at: '2026-11-26T09:00:00Z', actor: null, action: 'created', detail: {} },
          { id: 'h2', at: '2026-11-26T09:05:00Z', actor: { id: 'u2', name: 'Jo Bloggs' }, action: 'attempt-logged', detail: {} },
        ],
      });
      const change = requestsFeature.selectLatestChange.projector({ write: 'attempt', status: 'stale', error: null, latest });
      expect(change).toEqual({ who: 'Jo Bloggs', at: '2026-11-26T09:05:00Z', action: 'attempt-logged' });
    });

    it('finds the row under the keyboard cursor', () => {
      const a = summaryFixture({ id: 'a' });
      expect(requestsFeature.selectFocusedRequest.projector({ a }, 'a')).toBe(a);
      expect(requestsFeature.selectFocusedRequest.projector({ a }, null)).toBeNull();
    });
  });
});
