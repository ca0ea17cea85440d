import type { QueueQuery } from '../../../../shared/api/requests';
import type { CentreChoice } from '../../../core/centre/centre.feature';
import type { QueueFilters } from './queue-filters';

/** Rows per page: a screenful or three, so the first rows show at once and scrolling stays ahead. */
export const PAGE_SIZE = 100;

export function queryFor(filters: QueueFilters, centre: CentreChoice, offset: number): QueueQuery {
  const query: QueueQuery = { status: filters.status, sort: filters.sort, limit: PAGE_SIZE, offset };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.kind) query.kind = filters.kind;
  if (filters.priority) query.priority = filters.priority;
  if (centre !== 'all') query.centreId = centre;
  if (filters.mine) query.mine = true;
  if (filters.unassigned) query.unassigned = true;
  if (filters.overdue) query.overdue = true;
  if (filters.spam) query.spam = true;
  return query;
}

