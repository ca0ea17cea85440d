import { auditEvent } from '../testing/fixtures';
import { AuditApiActions, AuditPageActions, EMPTY_AUDIT_FILTERS } from './audit.actions';
import { auditFeature, initialAuditState } from './audit.feature';

const reducer = auditFeature.reducer;

describe('audit reducer and selectors', () => {
  it('shows events newest first and appends older pages below', () => {
    let state = reducer(initialAuditState, AuditApiActions.eventsLoaded({ events: [auditEvent(10), auditEvent(12), auditEvent(11)], hasOlder: true }));
    state = reducer(state, AuditPageActions.loadOlderClicked());
    expect(state.status).toBe('loading-older');
    state = reducer(state, AuditApiActions.olderEventsLoaded({ events: [auditEvent(9), auditEvent(8)], hasOlder: false }));
    const events = auditFeature.selectEvents.projector(state);
    expect(events.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(auditFeature.selectOldestSeq.projector(events)).toBe(8);
    expect(state.hasOlder).toBeFalse();
  });

  it('starts again from the newest when the filters change', () => {
    let state = reducer(initialAuditState, AuditApiActions.eventsLoaded({ events: [auditEvent(3)], hasOlder: true }));
    const filters = { ...EMPTY_AUDIT_FILTERS, action: 'auth.' };
    state = reducer(state, AuditPageActions.filtersApplied({ filters }));
    expect(state.ids.length).toBe(0);
    expect(state.filters).toEqual(filters);
    expect(state.status).toBe('loading');
  });

  it('has no oldest event when none are shown', () => {
    expect(auditFeature.selectOldestSeq.projector([])).toBeNull();
  });
});
