import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { Matches } from '../../../../shared/api/requests';
import { MATCH_KIND_LABELS, MATCH_REASON_LABELS, REQUEST_STATUS_LABELS } from '../../../../shared/requests-labels';
import { ClinicTimePipe } from './clinic-time.pipe';

/** Existing patients and earlier requests that look like the same person, with the reasons why. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

@Component({
  selector: 'cd-matches-panel',
  imports: [MatButtonModule, RouterLink, ClinicTimePipe],
  templateUrl: './matches-panel.html',
  styleUrl: './matches-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MatchesPanel {
  readonly matches = input.required<Matches>();
  readonly linkedPatientId = input<string | null>(null);
  readonly busy = input(false);
  readonly link = output<string | null>();
  readonly createPatient = output<void>();

  protected readonly statusLabels = REQUEST_STATUS_LABELS;
  protected readonly matchLabels = MATCH_KIND_LABELS;

  /** A calendar date ('1970-01-02'), shown without any time-zone shift: "2 Jan 1970". */
  protected dateOfBirth(value: string): string {
    const [year, month, day] = value.split('-').map(Number);
    if (!year || !month || !day) return value;
    return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
  }

  protected reasons(codes: readonly string[]): string {
    return codes.map((code) => MATCH_REASON_LABELS[code] ?? code).join(', ');
  }
}
