import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { highlightSegments, type TextRange } from './highlight';

/** A patient's words with the red-flag phrases marked. Rendered as text nodes only, never as HTML. */
@Component({
  selector: 'cd-highlighted-text',
  template: `@for (segment of segments(); track $index) {@if (segment.flagged) {<mark class="flag">{{ segment.text }}</mark>} @else {{{ segment.text }}}}`,
  styles: `
    :host { white-space: pre-wrap; overflow-wrap: anywhere; }
    .flag {
      background: var(--cd-urgent-container);
      color: inherit;
      border-bottom: 2px solid var(--cd-urgent);
      border-radius: 2px;
      padding: 0 1px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HighlightedText {
  readonly text = input.required<string>();
  readonly ranges = input<readonly TextRange[]>([]);
  protected readonly segments = computed(() => highlightSegments(this.text(), this.ranges().filter((r) => r.start >= 0)));
}
