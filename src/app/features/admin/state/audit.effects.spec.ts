import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { firstValueFrom, of } from 'rxjs';
import type { AdminApi } from '../data/admin-api';
import { auditEvent } from '../testing/fixtures';
import { AuditApiActions, type AuditFilters, AuditPageActions, EMPTY_AUDIT_FILTERS } from './audit.actions';
import { auditQuery } from './audit-query';
import { loadAudit, loadOlderAudit } from './audit.effects';
import { AUDIT_PAGE_SIZE, auditFeature } from './audit.feature';

const actions = (action: Action) => of(action) as unknown as Actions;

function storeWith(filters: AuditFilters, oldestSeq: number | null): Store {
  return {
    select: (selector: unknown) => of(selector === auditFeature.selectFilters ? filters : oldestSeq),
  } as unknown as Store;
}

describe('audit effects', () => {
  it('turns UK dates into an exclusive UTC range', () => {
    expect(auditQuery({ ...EMPTY_AUDIT_FILTERS, action: ' staff. ', from: '2026-07-01', to: '2026-07-02' })).toEqual({
      limit: AUDIT_PAGE_SIZE, action: 'staff.', from: '2026-06-30T23:00:00.000Z', to: '2026-07-02T23:00:00.000Z',
    });
    expect(auditQuery(EMPTY_AUDIT_FILTERS)).toEqual({ limit: AUDIT_PAGE_SIZE });
  });

  it('loads the newest page with the filters and says whether older events may exist', async () => {
    const api = jasmine.createSpyObj<AdminApi>('AdminApi', ['listAudit']);
    const full = Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => auditEvent(100 - i));
    api.listAudit.and.returnValue(of(full));
    const filters = { ...EMPTY_AUDIT_FILTERS, entityType: 'staff' };
    const result = await firstValueFrom(loadAudit(actions(AuditPageActions.filtersApplied({ filters })), api, storeWith(filters, null)));
    expect(api.listAudit).toHaveBeenCalledWith({ limit: AUDIT_PAGE_SIZE, entityType: 'staff' });
    expect(result).toEqual(AuditApiActions.eventsLoaded({ events: full, hasOlder: true }));
  });

  it('asks for events before the oldest one shown', async () => {
    const api = jasmine.createSpyObj<AdminApi>('AdminApi', ['listAudit']);
    api.listAudit.and.returnValue(of([auditEvent(40)]));
    const result = await firstValueFrom(loadOlderAudit(actions(AuditPageActions.loadOlderClicked()), api, storeWith(EMPTY_AUDIT_FILTERS, 41)));
    expect(api.listAudit).toHaveBeenCalledWith({ limit: AUDIT_PAGE_SIZE, beforeSeq: 41 });
    expect(result).toEqual(AuditApiActions.olderEventsLoaded({ events: [auditEvent(40)], hasOlder: false }));
  });
});
