import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * What to do instead of waiting for us. Shown on the form and on every confirmation, because a
 * patient with emergency symptoms must not sit waiting for a callback.
 */
@Component({
  selector: 'cd-emergency-advice',
  templateUrl: './emergency-advice.html',
  styleUrl: './emergency-advice.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmergencyAdvice {
  /** 'form' asks them not to use the form; 'confirmation' asks them not to wait for the call. */
  readonly context = input<'form' | 'confirmation'>('form');
}
