import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ALERT_LEVEL_LABELS, type ExamAlert } from '../../../../../shared/exam';

/** The screen's alerts, most severe first, each with what to do. Text only, never HTML. */
@Component({
  selector: 'cd-alerts-panel',
  templateUrl: './alerts-panel.html',
  styleUrl: './alerts-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsPanel {
  readonly alerts = input.required<readonly ExamAlert[]>();
  readonly compact = input(false);
  protected readonly levelLabels = ALERT_LEVEL_LABELS;
  protected readonly icons = { emergency: 'emergency', urgent: 'warning', gp: 'medical_services', info: 'info' } as const;
}
