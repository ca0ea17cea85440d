import type { ChartConfiguration } from 'chart.js';
import {
  MEANINGFUL_CHANGE, OUTCOME_DEFINITIONS, OUTCOME_MEASURES, type OutcomeHistory, type OutcomeMeasure,
} from '../../../../shared/exam';

export interface MeasureChart {
  measure: OutcomeMeasure;
  title: string;
  unit: string;
  rule: string;
  lowerIsBetter: boolean;
  config: ChartConfiguration<'line'>;
  /** The same numbers as the chart, for the table beside it. */
  rows: { label: string; score: string; change: string; verdict: string }[];
}

const BAND_FILL = 'rgba(0, 131, 143, 0.12)';
const BAND_EDGE = 'rgba(0, 131, 143, 0.35)';
const LINE = '#00838f';

function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/**
 * One line chart per measure that has at least one score. The no-real-change band around the
 * baseline is two line datasets with the upper filled down to the lower, so no chart plugin is
 * needed; points outside the band are real changes.
 */
export function measureCharts(history: Record<OutcomeMeasure, OutcomeHistory>, labels: string[]): MeasureChart[] {
  const charts: MeasureChart[] = [];
  for (const measure of OUTCOME_MEASURES) {
    const h = history[measure];
    if (h.baselineIndex === null) continue;
    const def = OUTCOME_DEFINITIONS[measure];
    const band = h.band!;
    const fromBaseline = (value: number) => labels.map((_, i) => (i >= h.baselineIndex! ? value : null));
    const scored = h.scores.filter((s): s is number => s !== null);
    const max = measure === 'cramp-episodes' ? Math.max(10, Math.ceil((Math.max(...scored, band.upper) * 1.2) / 5) * 5) : def.max;
    charts.push({
      measure,
      title: def.label,
      unit: def.unit,
      rule: MEANINGFUL_CHANGE[measure].description,
      lowerIsBetter: def.lowerIsBetter,
      config: {
        type: 'line',
        data: {
          labels,
          datasets: [
            {
              label: 'No real change (lower edge)', data: fromBaseline(band.lower), borderColor: BAND_EDGE, borderDash: [4, 4],
              borderWidth: 1, pointRadius: 0, fill: false,
            },
            {
              label: 'No real change band', data: fromBaseline(band.upper), borderColor: BAND_EDGE, borderDash: [4, 4], borderWidth: 1,
              pointRadius: 0, backgroundColor: BAND_FILL, fill: '-1',
            },
            {
              label: def.shortLabel, data: h.scores, borderColor: LINE, backgroundColor: LINE, borderWidth: 2, pointRadius: 4,
              spanGaps: true, fill: false, tension: 0,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: { min: def.min, max, title: { display: true, text: def.unit } },
            x: { title: { display: true, text: 'Visit' } },
          },
          plugins: {
            legend: {
              labels: {
                // The lower edge is half of the band; one legend entry for the band is enough.
                filter: (item) => item.datasetIndex !== 0,
              },
            },
          },
        },
      },
      rows: labels.map((label, i) => {
        const c = h.comparisons[i];
        const score = h.scores[i];
        return {
          label,
          score: fmt(score),
          change: i === h.baselineIndex ? 'Baseline' : c ? `${c.change > 0 ? '+' : c.change < 0 ? '−' : '±'}${fmt(Math.abs(c.change))}` : '–',
          verdict: c ? (c.direction === 'same' ? 'No change' : `${c.direction === 'improved' ? 'Better' : 'Worse'}${c.meaningful ? ', meaningful' : ', within the band'}`) : '',
        };
      }),
    });
  }
  return charts;
}
