import type { RequestSummary } from '../../../../shared/api/requests';

/** A claim lapses after the centre's idle time; a lapsed holder no longer blocks anyone. */
export function holdActive(request: Pick<RequestSummary, 'holder' | 'holdExpiresAt'>, now: number): boolean {
  if (!request.holder) return false;
  return !request.holdExpiresAt || Date.parse(request.holdExpiresAt) > now;
}

/** Whether this user can claim the request now. */
export function canClaim(request: RequestSummary, now: number): boolean {
  return request.status !== 'closed' && !request.quarantined && !holdActive(request, now);
}
