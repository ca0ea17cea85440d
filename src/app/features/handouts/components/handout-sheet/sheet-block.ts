import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { InlineText } from '../inline-text/inline-text';
import type { BlockView } from './sheet-view';

/** One block of a module: styled by the sheet's stylesheet (handout-sheet.scss), which owns the look. */
@Component({
  selector: 'cd-sheet-block',
  imports: [InlineText],
  templateUrl: './sheet-block.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SheetBlock {
  readonly block = input.required<BlockView>();
}
