import { Clipboard } from '@angular/cdk/clipboard';
import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** A one-time password the manager hands over: shown once, with a copy button and what to do with it. */
@Component({
  selector: 'cd-one-time-password',
  imports: [MatButtonModule],
  templateUrl: './one-time-password.html',
  styleUrl: './one-time-password.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OneTimePassword {
  private readonly clipboard = inject(Clipboard);

  readonly password = input.required<string>();
  readonly personName = input.required<string>();

  protected readonly copied = signal<boolean | null>(null);
  private readonly copyButton = viewChild<string, ElementRef<HTMLButtonElement>>('copyButton', { read: ElementRef });

  constructor() {
    // The button that created this is gone; focus the next useful thing so keyboard users are not lost.
    afterNextRender(() => this.copyButton()?.nativeElement.focus());
  }

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.password()));
  }
}
