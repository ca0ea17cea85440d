import { afterNextRender, inject, Injectable, Injector, PendingTasks } from '@angular/core';

/**
 * Draws a page's heavy parts one per task after the first paint, instead of all in the task that
 * draws the page. Creating some thousand Material controls, or laying out eight chart.js canvases,
 * in one go blocked the main thread for a few hundred milliseconds (Total Blocking Time, bench
 * figure 2); one part per task keeps each task short, so a click or key press is never kept waiting.
 *
 * Steps run in the order they were added, each in an idle callback of its own once the step before
 * it has rendered. Until the queue is empty the app counts as busy (`PendingTasks`), so whatever
 * waits for the app to be stable (tests' `whenStable()`) sees the whole page.
 *
 * Not `@defer`: its idle trigger runs every waiting block in one callback (one long task again), and
 * its dependencies become chunks fetched later, which an exam opened before the network dropped
 * could not fetch.
 */
@Injectable({ providedIn: 'root' })
export class RenderSteps {
  private readonly injector = inject(Injector);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly queue: (() => void)[] = [];
  /** Ends the pending task while steps are queued or running; null when idle. */
  private busy: (() => void) | null = null;

  /** Queues `step` (usually: set a signal that lets a template draw a part). Returns a function that drops it if it has not run yet. */
  add(step: () => void): () => void {
    this.queue.push(step);
    if (!this.busy) {
      this.busy = this.pendingTasks.add();
      this.next();
    }
    return () => {
      const i = this.queue.indexOf(step);
      if (i >= 0) this.queue.splice(i, 1);
    };
  }

  private next(): void {
    whenIdle(() => {
      const step = this.queue.shift();
      if (!step) {
        this.busy?.();
        this.busy = null;
        return;
      }
      step();
      // The step's part is drawn by the change detection it caused; the next waits for that.
      afterNextRender(() => this.next(), { injector: this.injector });
    });
  }
}

/** An idle moment, but never later than 200 ms: a busy page still finishes drawing. */
function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 200 });
  else setTimeout(callback, 0);
}
