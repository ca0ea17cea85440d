import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { AuditEvent } from '../../../../shared/api/foundation';
import { AuditApiActions, type AuditFilters, AuditPageActions, EMPTY_AUDIT_FILTERS } from './audit.actions';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditState extends EntityState<AuditEvent> {
  filters: AuditFilters;
  status: 'idle' | 'loading' | 'loading-older' | 'loaded' | 'failed';
  error: string | null;
  /** A full page came back, so there may be older events to load. */
  hasOlder: boolean;
}

export const auditAdapter = createEntityAdapter<AuditEvent>({
  selectId: (event) => event.seq,
  sortComparer: (a, b) => b.seq - a.seq,
});

export const initialAuditState: AuditState = auditAdapter.getInitialState({
  filters: EMPTY_AUDIT_FILTERS,
  status: 'idle',
  error: null,
  hasOlder: false,
});

export const auditFeature = createFeature({
  name: 'adminAudit',
  reducer: createReducer(
    initialAuditState,
    on(AuditPageActions.opened, AuditPageActions.retryClicked, (state): AuditState => ({ ...state, status: 'loading', error: null })),
    on(AuditPageActions.filtersApplied, (state, { filters }): AuditState => auditAdapter.removeAll({ ...state, filters, status: 'loading', error: null, hasOlder: false })),
    on(AuditPageActions.loadOlderClicked, (state): AuditState => ({ ...state, status: 'loading-older', error: null })),
    on(AuditApiActions.eventsLoaded, (state, { events, hasOlder }): AuditState => auditAdapter.setAll(events, { ...state, status: 'loaded', hasOlder })),
    on(AuditApiActions.olderEventsLoaded, (state, { events, hasOlder }): AuditState => auditAdapter.upsertMany(events, { ...state, status: 'loaded', hasOlder })),
    on(AuditApiActions.eventsLoadFailed, (state, { error }): AuditState => ({ ...state, status: 'failed', error: error.message })),
  ),
  extraSelectors: ({ selectAdminAuditState }) => {
    const { selectAll } = auditAdapter.getSelectors(selectAdminAuditState);
    return {
      selectEvents: selectAll,
      /** The oldest event on screen: "Load older" asks for events before it. */
      selectOldestSeq: createSelector(selectAll, (events) => (events.length ? events[events.length - 1].seq : null)),
    };
  },
});
