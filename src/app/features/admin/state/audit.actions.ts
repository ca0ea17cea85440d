import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { AuditEvent } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';

/** What the manager typed; dates are calendar days ('2026-03-01') on UK time. */
export interface AuditFilters {
  action: string;
  entityType: string;
  actorId: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', entityType: '', actorId: '', from: '', to: '' };

export const AuditPageActions = createActionGroup({
  source: 'Audit Page',
  events: {
    Opened: emptyProps(),
    'Filters Applied': props<{ filters: AuditFilters }>(),
    'Load Older Clicked': emptyProps(),
    'Retry Clicked': emptyProps(),
  },
});

export const AuditApiActions = createActionGroup({
  source: 'Audit API',
  events: {
    'Events Loaded': props<{ events: AuditEvent[]; hasOlder: boolean }>(),
    'Older Events Loaded': props<{ events: AuditEvent[]; hasOlder: boolean }>(),
    'Events Load Failed': props<{ error: ApiError }>(),
  },
});
