import type { AuditQuery } from '../../../../shared/api/foundation';
import { dayStartUtc } from '../format';
import type { AuditFilters } from './audit.actions';
import { AUDIT_PAGE_SIZE } from './audit.feature';

/** Turns what the manager typed into the API's query: UK calendar days become UTC instants, "to" includes its whole day. */
export function auditQuery(filters: AuditFilters): AuditQuery {
  const query: AuditQuery = { limit: AUDIT_PAGE_SIZE };
  if (filters.action.trim()) query.action = filters.action.trim();
  if (filters.entityType.trim()) query.entityType = filters.entityType.trim();
  if (filters.actorId) query.actorId = filters.actorId;
  const from = filters.from ? dayStartUtc(filters.from) : null;
  const to = filters.to ? dayStartUtc(filters.to, 1) : null;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}
