import { Injectable, signal } from '@angular/core';

/** When the server last saw this user act: every API call the user causes resets the idle clock. */
@Injectable({ providedIn: 'root' })
export class ActivityClock {
  readonly lastActivity = signal(Date.now());

  record(): void {
    this.lastActivity.set(Date.now());
  }
}
