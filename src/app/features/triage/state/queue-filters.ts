import type { Priority, QueueSort, RequestKind, RequestSummary, StatusFilter } from '../../../../shared/api/requests';
import type { CentreChoice } from '../../../core/centre/centre.feature';

/** The receptionist's choices on the queue; the centre comes from the toolbar's picker. */
export interface QueueFilters {
  q: string;
  kind: RequestKind | '';
  status: StatusFilter;
  priority: Priority | '';
  mine: boolean;
  unassigned: boolean;
  overdue: boolean;
  /** Managers only: quarantined submissions instead of the queue. */
  spam: boolean;
  /** The order of the list (not a filter: "Clear filters" keeps it). */
  sort: QueueSort;
}

export const DEFAULT_FILTERS: QueueFilters = {
  q: '', kind: '', status: 'open', priority: '', mine: false, unassigned: false, overdue: false, spam: false, sort: 'priority',
};

const key = (userId: string) => `cd.queue.filters.${userId}`;

/** The last choices this user made on this computer; anything unreadable falls back to the defaults. */
export function rememberedFilters(userId: string): QueueFilters {
  try {
    const raw = localStorage.getItem(key(userId));
    if (!raw) return DEFAULT_FILTERS;
    const saved = JSON.parse(raw) as Partial<QueueFilters>;
    const pick = <K extends keyof QueueFilters>(name: K, ok: (v: unknown) => boolean): QueueFilters[K] =>
      ok(saved[name]) ? (saved[name] as QueueFilters[K]) : DEFAULT_FILTERS[name];
    return {
      q: pick('q', (v) => typeof v === 'string' && v.length <= 200),
      kind: pick('kind', (v) => v === '' || v === 'callback' || v === 'appointment'),
      status: pick('status', (v) => ['open', 'new', 'in-progress', 'closed', 'all'].includes(v as string)),
      priority: pick('priority', (v) => ['', 'emergency', 'urgent', 'routine'].includes(v as string)),
      mine: pick('mine', (v) => typeof v === 'boolean'),
      unassigned: pick('unassigned', (v) => typeof v === 'boolean'),
      overdue: pick('overdue', (v) => typeof v === 'boolean'),
      spam: pick('spam', (v) => typeof v === 'boolean'),
      sort: pick('sort', (v) => ['priority', 'due', 'newest', 'oldest'].includes(v as string)),
    };
  } catch {
    return DEFAULT_FILTERS;
  }
}

export function rememberFilters(userId: string, filters: QueueFilters): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(filters));
  } catch {
    // Storage full or blocked: the choices last for this visit only.
  }
}

export function activeFilterCount(filters: QueueFilters): number {
  return (filters.kind ? 1 : 0) + (filters.status !== 'open' ? 1 : 0) + (filters.priority ? 1 : 0)
    + (filters.mine ? 1 : 0) + (filters.unassigned ? 1 : 0) + (filters.overdue ? 1 : 0) + (filters.spam ? 1 : 0);
}

const digits = (value: string) => value.replace(/\D/g, '').replace(/^44/, '0');

/**
 * Whether a request that changed live still belongs on this user's list. The server decides
 * for pages it sends; this mirrors its rules so a live update does not need a full reload.
 * The search is approximate (the server also matches normalised numbers): when in doubt, show.
 */
export function matchesFilters(
  request: RequestSummary, filters: QueueFilters, centre: CentreChoice, userId: string | null, now: number,
): boolean {
  if (filters.spam !== request.quarantined) return false;
  if (centre !== 'all' && request.centre && request.centre.id !== centre) return false;
  if (filters.kind && request.kind !== filters.kind) return false;
  if (filters.priority && request.priority !== filters.priority) return false;
  if (!filters.spam) {
    switch (filters.status) {
      case 'open': if (request.status === 'closed') return false; break;
      case 'all': break;
      default: if (request.status !== filters.status) return false;
    }
  }
  if (filters.mine && request.holder?.id !== userId) return false;
  if (filters.unassigned && request.holder) return false;
  if (filters.overdue && (request.status === 'closed' || Date.parse(request.dueAt) >= now)) return false;
  const q = filters.q.trim().toLowerCase();
  if (q) {
    const inText = [request.name, request.email ?? '', request.reference].some((field) => field.toLowerCase().includes(q));
    const qDigits = digits(q);
    const inPhone = qDigits.length >= 3 && [request.phone ?? '', request.phoneE164 ?? ''].some((p) => digits(p).includes(qDigits));
    if (!inText && !inPhone) return false;
  }
  return true;
}
