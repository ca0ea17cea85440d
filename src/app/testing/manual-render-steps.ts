import { Injectable } from '@angular/core';
import type { RenderSteps } from '../core/render/render-steps';

/** RenderSteps for specs that look at a page before its later parts are drawn: steps run when the spec says. */
@Injectable()
export class ManualRenderSteps implements Pick<RenderSteps, 'add'> {
  private readonly queue: (() => void)[] = [];

  get waiting(): number {
    return this.queue.length;
  }

  add(step: () => void): () => void {
    this.queue.push(step);
    return () => {
      const i = this.queue.indexOf(step);
      if (i >= 0) this.queue.splice(i, 1);
    };
  }

  /** Runs the next `count` steps (all by default). */
  run(count = Infinity): void {
    for (let i = 0; i < count && this.queue.length; i++) this.queue.shift()!();
  }
}
