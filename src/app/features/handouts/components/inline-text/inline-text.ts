import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { parseInline } from '../../../../../shared/advice';

/**
 * Advice text with its one markup, **bold lower case**, drawn as text nodes and <strong>.
 * Never innerHTML: whatever else the text holds (even "<img onerror=...>") shows literally.
 */
@Component({
  selector: 'cd-inline-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@for (segment of segments(); track $index) {@if (segment.strong) {<strong>{{ segment.text }}</strong>} @else {{{ segment.text }}}}`,
})
export class InlineText {
  readonly text = input.required<string>();
  protected readonly segments = computed(() => parseInline(this.text()));
}
