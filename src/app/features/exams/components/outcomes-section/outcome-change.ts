import {
  compareOutcome, OUTCOME_DEFINITIONS, scoreOutcomes, type ExamContent, type OutcomeComparison, type OutcomeMeasure,
} from '../../../../../shared/exam';
import type { ProgressVisit } from '../../data/visits-api';

/** One line of "change since the first visit" under a score. */
export interface OutcomeChangeRow {
  measure: OutcomeMeasure;
  label: string;
  unit: string;
  current: number | null;
  /** The first scored visit before this one; null when this visit is the first. */
  baseline: { score: number; visitDate: string } | null;
  comparison: OutcomeComparison | null;
}

/**
 * Compares this visit's live scores with the first earlier visit that has each score. Earlier =
 * before this visit in the server's order; this visit's stored copy is skipped because the form
 * is newer.
 */
export function outcomeChanges(
  exam: Pick<ExamContent, 'outcomes' | 'crampProfile'>,
  visitId: string,
  history: readonly ProgressVisit[],
): Record<OutcomeMeasure, OutcomeChangeRow> {
  const index = history.findIndex((v) => v.id === visitId);
  const earlier = (index === -1 ? history : history.slice(0, index)).map((v) => ({ visitDate: v.visitDate, scores: scoreOutcomes(v) }));
  const current = scoreOutcomes(exam);
  const rows = {} as Record<OutcomeMeasure, OutcomeChangeRow>;
  for (const measure of Object.keys(current) as OutcomeMeasure[]) {
    const first = earlier.find((v) => v.scores[measure] !== null);
    const baseline = first ? { score: first.scores[measure]!, visitDate: first.visitDate } : null;
    rows[measure] = {
      measure,
      label: OUTCOME_DEFINITIONS[measure].label,
      unit: OUTCOME_DEFINITIONS[measure].unit,
      current: current[measure],
      baseline,
      comparison: baseline ? compareOutcome(measure, baseline.score, current[measure]) : null,
    };
  }
  return rows;
}

/** "−3 points (−43%) since 12 Mar: improved, a meaningful change" in plain words. */
export function describeChange(row: OutcomeChangeRow, formatDate: (iso: string) => string): string {
  if (row.baseline === null) return row.current === null ? 'Not scored yet.' : 'First score: the baseline for later visits.';
  if (row.current === null || row.comparison === null) {
    return `First score ${round(row.baseline.score)} on ${formatDate(row.baseline.visitDate)}; not scored at this visit yet.`;
  }
  const c = row.comparison;
  const sign = c.change > 0 ? '+' : c.change < 0 ? '−' : '±';
  const pct = c.percentChange === null ? '' : ` (${c.percentChange > 0 ? '+' : c.percentChange < 0 ? '−' : ''}${Math.abs(Math.round(c.percentChange))}%)`;
  const verdict =
    c.direction === 'same'
      ? 'no change'
      : `${c.direction === 'improved' ? 'better' : 'worse'}, ${c.meaningful ? 'a meaningful change' : `not yet a meaningful change (needs ${round(c.threshold)})`}`;
  return `${sign}${round(Math.abs(c.change))}${pct} since ${formatDate(row.baseline.visitDate)} (was ${round(row.baseline.score)}): ${verdict}.`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
