import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Priority, QueueSort, RequestDetail, RequestSummary } from '../../../../shared/api/requests';
import type { ApiError } from '../../../core/http-error';
import { DEFAULT_FILTERS, type QueueFilters } from './queue-filters';
import {
  RequestDetailActions, RequestsApiActions, RequestsLiveActions, type RequestWrite, TriageQueueActions, WRITE_ACTIONS, writeOf,
} from './requests.actions';
import { toSummary } from './to-summary';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface WriteState {
  write: RequestWrite | null;
  /** 'stale' is the server's 412: someone else changed the request first. */
  status: 'idle' | 'saving' | 'saved' | 'failed' | 'stale';
  error: ApiError | null;
  /** The fresh copy fetched after a 412, until the user takes it. */
  latest: RequestDetail | null;
}

export interface RequestsState extends EntityState<RequestSummary> {
  filters: QueueFilters;
  /** How many requests match on the server; more pages load as the user scrolls. */
  total: number;
  /** The server stopped counting at its cap: `total` is a lower bound ("1,000+"). */
  totalCapped: boolean;
  listStatus: LoadStatus;
  listError: string | null;
  pageLoading: boolean;
  /** The keyboard cursor (j/k). */
  focusedId: string | null;
  /** Claims on their way to the server. */
  claiming: Record<string, true>;
  /** Why a claim was refused, per request: "Sam Patel is already dealing with this request." */
  claimErrors: Record<string, string>;
  detailId: string | null;
  detail: RequestDetail | null;
  detailStatus: LoadStatus;
  detailError: ApiError | null;
  writeState: WriteState;
}

const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, urgent: 1, routine: 2 };

/** ISO instants and ids compare correctly as plain strings, and far faster than localeCompare over 10,000 rows. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Emergency first, then urgent, then the soonest due; ties by arrival. Mirrors the server's `priority` sort. */
export function compareRequests(a: RequestSummary, b: RequestSummary): number {
  return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]
    || byText(a.dueAt, b.dueAt)
    || byText(a.receivedAt, b.receivedAt)
    || byText(a.id, b.id);
}

/** The other orders the queue offers, each mirroring the server's ORDER BY for that `sort` (ties by id). */
const OTHER_ORDERS: Readonly<Record<Exclude<QueueSort, 'priority'>, (a: RequestSummary, b: RequestSummary) => number>> = {
  due: (a, b) => byText(a.dueAt, b.dueAt) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byText(a.id, b.id),
  newest: (a, b) => byText(b.receivedAt, a.receivedAt) || byText(a.id, b.id),
  oldest: (a, b) => byText(a.receivedAt, b.receivedAt) || byText(a.id, b.id),
};

export const requestsAdapter = createEntityAdapter<RequestSummary>({ sortComparer: compareRequests });

const idleWrite: WriteState = { write: null, status: 'idle', error: null, latest: null };

export const initialRequestsState: RequestsState = requestsAdapter.getInitialState({
  filters: DEFAULT_FILTERS,
  total: 0,
  totalCapped: false,
  listStatus: 'idle',
  listError: null,
  pageLoading: false,
  focusedId: null,
  claiming: {},
  claimErrors: {},
  detailId: null,
  detail: null,
  detailStatus: 'idle',
  detailError: null,
  writeState: idleWrite,
});

function without<T extends Record<string, unknown>>(record: T, key: string): T {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest as T;
}

/** A newer copy never loses to an older one arriving late (live events and answers can cross). */
function upsertNewer(request: RequestSummary, state: RequestsState): RequestsState {
  const current = state.entities[request.id];
  if (current && current.version > request.version) return state;
  const added = !current;
  return requestsAdapter.upsertOne(request, { ...state, total: state.total + (added ? 1 : 0) });
}

function withDetail(state: RequestsState, request: RequestDetail): RequestsState {
  if (state.detailId !== request.id) return state;
  if (state.detail && state.detail.id === request.id && state.detail.version > request.version) return state;
  return { ...state, detail: request, detailStatus: 'loaded', detailError: null };
}

/** A write answered: the list row and the open panel both take the server's copy. */
function applyServerCopy(state: RequestsState, request: RequestDetail): RequestsState {
  const inList = request.id in state.entities;
  const next = inList ? upsertNewer(toSummary(request), state) : state;
  return withDetail(next, request);
}

export const requestsFeature = createFeature({
  name: 'requests',
  reducer: createReducer(
    initialRequestsState,
    on(TriageQueueActions.opened, (state, { filters }): RequestsState => ({
      ...state,
      filters,
      listStatus: state.listStatus === 'loaded' ? 'loaded' : 'loading',
      listError: null,
    })),
    on(TriageQueueActions.filtersChanged, (state, { filters }): RequestsState => ({
      ...state, filters: { ...state.filters, ...filters }, listStatus: 'loading', listError: null,
    })),
    on(TriageQueueActions.filtersReset, (state): RequestsState => ({
      ...state, filters: { ...DEFAULT_FILTERS, q: state.filters.q, sort: state.filters.sort }, listStatus: 'loading', listError: null,
    })),
    on(TriageQueueActions.retryClicked, RequestsLiveActions.reconnected, (state): RequestsState => ({
      ...state, listStatus: state.listStatus === 'loaded' ? 'loaded' : 'loading', listError: null,
    })),
    on(RequestsApiActions.queueLoaded, (state, { page }): RequestsState =>
      requestsAdapter.setAll(page.items, {
        ...state,
        total: page.total,
        totalCapped: page.totalCapped,
        listStatus: 'loaded',
        pageLoading: false,
        claimErrors: {},
        focusedId: state.focusedId && page.items.some((r) => r.id === state.focusedId) ? state.focusedId : page.items[0]?.id ?? null,
      })),
    on(RequestsApiActions.queueLoadFailed, (state, { error }): RequestsState => ({ ...state, listStatus: 'failed', listError: error.message })),
    on(TriageQueueActions.nextPageRequested, (state): RequestsState => ({ ...state, pageLoading: true })),
    on(RequestsApiActions.pageLoaded, (state, { page }): RequestsState => {
      const next = requestsAdapter.upsertMany(page.items, { ...state, pageLoading: false });
      // Past the server's counting cap, an empty page is how the end shows: then the list is complete.
      const complete = page.totalCapped && page.items.length === 0;
      return complete
        ? { ...next, total: next.ids.length, totalCapped: false }
        : { ...next, total: page.totalCapped ? Math.max(page.total, next.ids.length) : page.total, totalCapped: page.totalCapped };
    }),
    on(RequestsApiActions.pageLoadFailed, (state): RequestsState => ({ ...state, pageLoading: false })),
    on(TriageQueueActions.rowFocused, (state, { id }): RequestsState => ({ ...state, focusedId: id })),

    on(TriageQueueActions.claimClicked, RequestDetailActions.claimClicked, (state, { request, me }): RequestsState => {
      const optimistic: RequestSummary = {
        ...request, holder: me, heldAt: new Date().toISOString(), status: request.status === 'new' ? 'in-progress' : request.status,
      };
      const next: RequestsState = {
        ...state,
        claiming: { ...state.claiming, [request.id]: true },
        claimErrors: without(state.claimErrors, request.id),
      };
      const listed = request.id in state.entities ? requestsAdapter.upsertOne(optimistic, next) : next;
      const detail = listed.detail?.id === request.id ? { ...listed.detail, holder: me, status: optimistic.status } : listed.detail;
      return { ...listed, detail };
    }),
    on(RequestsApiActions.claimSucceeded, (state, { request }): RequestsState =>
      applyServerCopy({ ...state, claiming: without(state.claiming, request.id) }, request)),
    on(RequestsApiActions.claimFailed, (state, { previous, error }): RequestsState => {
      const current = state.entities[previous.id];
      // Roll back only the optimistic copy; a live update that arrived meanwhile is newer and stays.
      const rolledBack = current && current.version <= previous.version ? requestsAdapter.upsertOne(previous, state) : state;
      const detail = rolledBack.detail?.id === previous.id && rolledBack.detail.version <= previous.version
        ? { ...rolledBack.detail, holder: previous.holder, status: previous.status }
        : rolledBack.detail;
      return {
        ...rolledBack,
        detail,
        claiming: without(state.claiming, previous.id),
        claimErrors: { ...state.claimErrors, [previous.id]: error.message },
      };
    }),
    on(RequestsApiActions.requestRefreshed, (state, { request }): RequestsState => applyServerCopy(state, request)),

    on(RequestsLiveActions.requestChanged, (state, { request }): RequestsState => {
      // A claim in flight owns its row until the server answers.
      if (state.claiming[request.id]) return state;
      return upsertNewer(request, state);
    }),
    on(RequestsLiveActions.requestLeft, (state, { id }): RequestsState =>
      id in state.entities ? requestsAdapter.removeOne(id, { ...state, total: Math.max(0, state.total - 1) }) : state),
    on(RequestsLiveActions.openRequestChanged, (state, { request }): RequestsState => {
      // While a write is out, its answer brings the new copy; do not swap the panel under the user.
      if (state.writeState.status === 'saving') return state;
      return withDetail(state, request);
    }),

    on(RequestDetailActions.opened, (state, { id }): RequestsState => ({
      ...state,
      detailId: id,
      focusedId: id in state.entities ? id : state.focusedId,
      detail: state.detail?.id === id ? state.detail : null,
      detailStatus: state.detail?.id === id ? 'loaded' : 'loading',
      detailError: null,
      writeState: idleWrite,
    })),
    on(RequestDetailActions.closed, (state): RequestsState => ({
      ...state, detailId: null, detail: null, detailStatus: 'idle', detailError: null, writeState: idleWrite,
    })),
    on(RequestsApiActions.detailLoaded, (state, { request }): RequestsState => applyServerCopy(state, request)),
    on(RequestsApiActions.detailLoadFailed, (state, { id, error }): RequestsState =>
      state.detailId === id ? { ...state, detailStatus: 'failed', detailError: error } : state),

    on(...WRITE_ACTIONS.map(([creator]) => creator), (state, action): RequestsState => ({
      ...state, writeState: { ...idleWrite, write: writeOf(action), status: 'saving' },
    })),
    on(RequestsApiActions.writeSucceeded, (state, { write, request }): RequestsState => {
      const next = applyServerCopy({ ...state, writeState: { ...idleWrite, write, status: 'saved' } }, request);
      // A restored submission joins the queue; a spam list no longer shows it.
      if (write === 'restore' && state.filters.spam && request.id in next.entities) {
        return requestsAdapter.removeOne(request.id, { ...next, total: Math.max(0, next.total - 1) });
      }
      return next;
    }),
    on(RequestsApiActions.writeFailed, (state, { write, error }): RequestsState => ({
      ...state, writeState: { write, status: error.status === 412 ? 'stale' : 'failed', error, latest: null },
    })),
    on(RequestsApiActions.latestLoaded, (state, { request }): RequestsState => {
      const listed = request.id in state.entities ? upsertNewer(toSummary(request), state) : state;
      return { ...listed, writeState: { ...listed.writeState, latest: request } };
    }),
    on(RequestDetailActions.useLatestClicked, (state): RequestsState => {
      const latest = state.writeState.latest;
      if (!latest || state.detailId !== latest.id) return { ...state, writeState: idleWrite };
      return { ...state, detail: latest, detailStatus: 'loaded', writeState: idleWrite };
    }),
  ),
  extraSelectors: ({ selectRequestsState, selectEntities, selectFocusedId, selectTotal: selectServerTotal, selectTotalCapped, selectWriteState, selectFilters }) => {
    const { selectAll, selectTotal } = requestsAdapter.getSelectors(selectRequestsState);
    return {
      /** The adapter keeps the default order as rows arrive; another chosen order sorts a copy. */
      selectAllRequests: createSelector(selectAll, selectFilters, (all, filters) =>
        filters.sort === 'priority' ? all : [...all].sort(OTHER_ORDERS[filters.sort])),
      selectLoadedCount: selectTotal,
      selectHasMore: createSelector(selectTotal, selectServerTotal, selectTotalCapped, (loaded, total, capped) => capped || loaded < total),
      /** The header's count: "1,234 requests", or "1,000+ requests" past the server's counting cap. */
      selectCountLabel: createSelector(selectServerTotal, selectTotalCapped, (total, capped) =>
        `${total.toLocaleString('en-GB')}${capped ? '+' : ''} ${total === 1 && !capped ? 'request' : 'requests'}`),
      selectFocusedRequest: createSelector(selectEntities, selectFocusedId, (entities, id) => (id ? entities[id] ?? null : null)),
      selectEmergencyCount: createSelector(selectAll, (all) => all.filter((r) => r.priority === 'emergency' && r.status !== 'closed').length),
      /** Who last changed the request, for the "someone else changed it" message after a 412. */
      selectLatestChange: createSelector(selectWriteState, (write) => {
        const latest = write.latest;
        if (!latest) return null;
        const last = latest.history.reduce<(typeof latest.history)[number] | null>((newest, entry) => (!newest || entry.at >= newest.at ? entry : newest), null);
        return { who: last?.actor?.name ?? null, at: last?.at ?? latest.updatedAt, action: last?.action ?? null };
      }),
    };
  },
});
