import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { RequestSummary } from '../../../../shared/api/requests';
import {
  MATCH_KIND_LABELS, QUARANTINE_REASON_LABELS, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS, CLOSE_OUTCOME_LABELS,
} from '../../../../shared/requests-labels';
import { canClaim, holdActive } from '../state/hold';
import { previewSegments } from './highlight';
import { PriorityBadge } from './priority-badge';
import { formatAge, readClock } from './response-clock';

/** Fixed row height: the virtual scroller relies on it to keep only the visible rows in the DOM. */
export const ROW_HEIGHT = 84;

@Component({
  selector: 'cd-request-row',
  imports: [RouterLink, MatButtonModule, MatTooltipModule, PriorityBadge],
  templateUrl: './request-row.html',
  styleUrl: './request-row.scss',
  host: {
    role: 'listitem',
    '[class.focused]': 'focused()',
    '[class.open]': 'selected()',
    '[class.emergency]': "request().priority === 'emergency'",
    '[class.urgent]': "request().priority === 'urgent'",
    '[class.closed]': "request().status === 'closed'",
    '[attr.aria-current]': "selected() ? 'true' : null",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestRow {
  readonly request = input.required<RequestSummary>();
  /** The clock's "now", ticking every 30 s from the page, so every row agrees. */
  readonly now = input.required<number>();
  readonly focused = input(false);
  readonly selected = input(false);
  readonly claiming = input(false);
  readonly claimError = input<string | null>(null);
  readonly meId = input<string | null>(null);
  readonly canRestore = input(false);

  readonly claim = output<RequestSummary>();
  readonly restore = output<RequestSummary>();
  readonly focusRow = output<string>();

  protected readonly kindLabel = computed(() => REQUEST_KIND_LABELS[this.request().kind]);
  protected readonly statusLabel = computed(() => {
    const r = this.request();
    return r.status === 'closed' && r.outcome ? `Closed: ${CLOSE_OUTCOME_LABELS[r.outcome]}` : REQUEST_STATUS_LABELS[r.status];
  });
  protected readonly preview = computed(() => previewSegments(this.request().messagePreview, this.request().redFlags.filter((f) => f.start >= 0)));
  /** No clock once closed, nor for quarantined submissions: they are not in the queue. */
  protected readonly clock = computed(() =>
    (this.request().status === 'closed' || this.request().quarantined ? null : readClock(this.request().dueAt, this.now())));
  protected readonly age = computed(() => formatAge(this.request().receivedAt, this.now()));
  protected readonly flagCount = computed(() => this.request().redFlags.filter((f) => f.level !== 'gp').length);
  protected readonly gpNote = computed(() => this.request().redFlags.some((f) => f.level === 'gp'));
  protected readonly flagSummary = computed(() => this.request().redFlags.map((f) => f.label).join('; '));
  protected readonly matchLabel = computed(() => {
    const match = this.request().match;
    return match.kind ? MATCH_KIND_LABELS[match.kind] : null;
  });
  protected readonly holdLive = computed(() => holdActive(this.request(), this.now()));
  protected readonly claimable = computed(() => canClaim(this.request(), this.now()));
  protected readonly heldByMe = computed(() => !!this.meId() && this.request().holder?.id === this.meId());
  protected readonly quarantineLabel = computed(() => {
    const reason = this.request().quarantineReason;
    return reason ? QUARANTINE_REASON_LABELS[reason] : null;
  });
}
