import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { EmergencyAdvice } from '../components/emergency-advice';

/** The same shape the server issues (REFERENCE_PATTERN in the API contract); anything else is not shown. */
const REFERENCE = /^(CB|AP)-[0-9A-HJ-NP-Z]{5}$/;

/** The thank-you page a plain HTML form lands on (303 from the intake API with ?reference=). */
@Component({
  selector: 'cd-request-received-page',
  imports: [EmergencyAdvice],
  templateUrl: './request-received-page.html',
  styleUrl: './public-request-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestReceivedPage {
  readonly reference = input<string | undefined>();
  protected readonly validReference = computed(() => {
    const ref = this.reference()?.trim().toUpperCase();
    return ref && REFERENCE.test(ref) ? ref : null;
  });
  protected readonly isCallback = computed(() => this.validReference()?.startsWith('CB') ?? false);
}
