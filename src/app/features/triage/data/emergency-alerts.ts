import { HttpClient, HttpHeaders } from '@angular/common/http';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { catchError, EMPTY, filter, map, type Subscription } from 'rxjs';
import type { QueuePage, RequestDetail, RequestSummary } from '../../../../shared/api/requests';
import { apiError } from '../../../core/http-error';
import { LiveEvents } from '../../../core/live/live-events';
import { LIVE_READS, readInTurns } from '../../../core/live/read-in-turns';
import { RequestsApi } from './requests-api';

/** An emergency is raised while it is open, in the queue, and nobody has acknowledged its flags. */
export function needsAlert(request: RequestSummary): boolean {
  return request.priority === 'emergency' && !request.flagsAcknowledged && request.status !== 'closed' && !request.quarantined;
}

/**
 * The emergencies every receptionist's screen must show, whichever page they are on. It lives
 * beside the shell rather than in the queue's store, which only exists while the queue is open.
 * Acknowledging one (here or anywhere) publishes a change that clears it on every screen.
 */
@Injectable({ providedIn: 'root' })
export class EmergencyAlerts {
  private readonly http = inject(HttpClient);
  private readonly live = inject(LiveEvents);
  private readonly api = inject(RequestsApi);

  readonly alerts = signal<readonly RequestSummary[]>([]);
  readonly busyId = signal<string | null>(null);
  readonly message = signal<string | null>(null);
  private subscription: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(): void {
    if (this.subscription) return;
    this.reload();
    this.subscription = this.live.changes$
      .pipe(filter((change) => change.type === 'reconnected'))
      .subscribe(() => this.reload());
    // New rows are read from the queue list by ids, in turns, like the queue's own live rows: that
    // read is not audited (this screen has not opened them) and a burst costs a few reads, not one each.
    this.subscription.add(this.live.changes$
      .pipe(
        filter((change) => !!change.id && (
          change.type === 'request.created' || (change.type === 'request.changed' && this.alerts().some((a) => a.id === change.id))
        )),
        map((change) => change.id!),
        readInTurns((ids) => this.api.list({ ids, limit: ids.length }).pipe(
          map((page) => ({ ids, found: new Map(page.items.map((summary) => [summary.id, summary])) })),
          // The next event or a reconnect brings the rows again.
          catchError(() => EMPTY),
        ), LIVE_READS),
      )
      .subscribe(({ ids, found }) => {
        for (const id of ids) {
          const summary = found.get(id);
          // Gone, held as spam, or no longer visible to this user: no alert for it.
          if (summary) this.put(summary);
          else this.remove(id);
        }
      }));
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.alerts.set([]);
  }

  reload(): void {
    this.http
      .get<QueuePage>('/api/requests', { params: { priority: 'emergency', status: 'open', sort: 'oldest', limit: '50' } })
      .pipe(catchError(() => EMPTY))
      .subscribe((page) => this.alerts.set(page.items.filter(needsAlert)));
  }

  acknowledge(request: RequestSummary): void {
    this.busyId.set(request.id);
    this.message.set(null);
    this.http
      .post<RequestDetail>(`/api/requests/${encodeURIComponent(request.id)}/acknowledge-flags`, {}, {
        headers: new HttpHeaders({ 'If-Match': `"${request.version}"` }),
      })
      .subscribe({
        next: (fresh) => {
          this.busyId.set(null);
          this.put(fresh);
        },
        error: (error: unknown) => {
          this.busyId.set(null);
          const problem = apiError(error);
          // Changed meanwhile (a colleague claimed or acknowledged it): show the fresh state.
          this.message.set(problem.status === 412 ? 'The request changed a moment ago. Check it and acknowledge again.' : problem.message);
          this.http.get<RequestDetail>(`/api/requests/${encodeURIComponent(request.id)}`).pipe(catchError(() => EMPTY)).subscribe((fresh) => this.put(fresh));
        },
      });
  }

  private put(request: RequestSummary): void {
    const current = this.alerts();
    const existing = current.find((a) => a.id === request.id);
    if (existing && existing.version > request.version) return;
    if (!needsAlert(request)) {
      this.remove(request.id);
      return;
    }
    const summary: RequestSummary = { ...request };
    this.alerts.set(existing ? current.map((a) => (a.id === request.id ? summary : a)) : [...current, summary]);
  }

  private remove(id: string): void {
    if (this.alerts().some((a) => a.id === id)) this.alerts.set(this.alerts().filter((a) => a.id !== id));
  }
}
