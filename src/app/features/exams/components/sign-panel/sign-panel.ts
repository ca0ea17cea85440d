import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { ExamIssue } from '../../../../../shared/exam';

/** What still blocks signing, each linked to its field; the sign button; or who signed and when. */
@Component({
  selector: 'cd-sign-panel',
  imports: [MatButton],
  templateUrl: './sign-panel.html',
  styleUrl: './sign-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignPanel {
  readonly issues = input.required<readonly ExamIssue[]>();
  readonly signed = input(false);
  readonly signedBy = input<string | null>(null);
  readonly signedAt = input<string | null>(null);
  /** Chiropractors sign; managers only read. */
  readonly canSign = input(false);
  /** A save problem (conflict, invalid field) that must be settled before signing. */
  readonly blockedReason = input<string | null>(null);
  readonly signing = input(false);
  readonly error = input<string | null>(null);
  readonly sign = output<void>();
  readonly goTo = output<string>();

  protected follow(event: Event, path: string): void {
    event.preventDefault();
    this.goTo.emit(path);
  }
}
