import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * Shown when a save was refused with 412: someone else saved first. The user's edits stay in the
 * form; they can load the other person's version (keeping their own edits) or take theirs instead.
 */
@Component({
  selector: 'cd-conflict-notice',
  imports: [MatButtonModule],
  templateUrl: './conflict-notice.html',
  styleUrl: './conflict-notice.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConflictNotice {
  /** What was being edited, as in "this staff member". */
  readonly what = input.required<string>();
  /** The other person's version has been fetched. */
  readonly latestLoaded = input(false);
  /** Plain sentences describing what the other person changed. */
  readonly changes = input<string[]>([]);
  readonly busy = input(false);

  readonly reload = output<void>();
  readonly useTheirs = output<void>();
}
