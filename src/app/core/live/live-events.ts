import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Subject } from 'rxjs';

export type ConnectionState = 'connecting' | 'live' | 'offline';

/** One change pushed by the server: ids only, the screen fetches what it needs. */
export interface LiveChange {
  type: string;
  id?: string;
  centreId?: string | null;
  version?: number;
  at: string;
}

/**
 * The server-sent event stream. EventSource reconnects by itself; we only mirror its state
 * for the toolbar's indicator and re-broadcast changes to whichever feature listens.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents {
  readonly state = signal<ConnectionState>('offline');
  private readonly changesSubject = new Subject<LiveChange>();
  /** Emits every change, and a synthetic 'reconnected' so lists can catch up on what they missed. */
  readonly changes$ = this.changesSubject.asObservable();
  private source: EventSource | null = null;
  private everConnected = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    this.state.set('connecting');
    const source = new EventSource('/api/events', { withCredentials: true });
    this.source = source;
    source.addEventListener('hello', () => {
      this.state.set('live');
      if (this.everConnected) this.changesSubject.next({ type: 'reconnected', at: new Date().toISOString() });
      this.everConnected = true;
    });
    source.addEventListener('change', (event) => {
      try {
        this.changesSubject.next(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
      } catch {
        // Ignore a garbled message; the next one or a reconnect brings the screen up to date.
      }
    });
    source.onerror = () => this.state.set(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
  }

  stop(): void {
    this.source?.close();
    this.source = null;
    this.state.set('offline');
  }
}
