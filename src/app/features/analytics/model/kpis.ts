import type { Analytics } from '../../../../shared/api/analytics';
import { formatMinutes, formatShare } from './format';

export interface Tile {
  label: string;
  value: string;
  /** One plain sentence on what the number means. */
  explanation: string;
}

export function kpiTiles(data: Analytics): Tile[] {
  const k = data.kpis;
  return [
    { label: 'Requests received', value: k.requestsReceived.toLocaleString('en-GB'), explanation: 'Callback and appointment requests from every channel in the range.' },
    {
      label: 'Median time to first contact', value: formatMinutes(k.medianFirstContactMinutes),
      explanation: 'Half of requests got their first call within this, counting opening hours only.',
    },
    {
      label: 'Answered within target', value: formatShare(k.answeredWithinTarget),
      explanation: `Share of requests called before their response target (${formatMinutes(data.firstContact.targetMinutes)} for callbacks) ran out.`,
    },
    {
      label: 'Request to first visit', value: formatShare(k.conversionToFirstVisit),
      explanation: 'Share of requests that became a first visit the patient attended.',
    },
    {
      label: 'Did not attend', value: formatShare(k.didNotAttendRate),
      explanation: 'Share of past appointments where the patient did not turn up.',
    },
    { label: 'Handouts issued', value: k.handoutsIssued.toLocaleString('en-GB'), explanation: 'Home-advice sheets given to patients.' },
  ];
}

export function resultTiles(data: Analytics): Tile[] {
  const r = data.results;
  const change = r.averageBournemouthChange;
  return [
    {
      label: 'Pain improved by the third visit', value: formatShare(r.improvedShare),
      explanation: r.patientsWithThreeVisits
        ? `${r.improvedByThirdVisit} of ${r.patientsWithThreeVisits} patients with a third visit scored their pain (0–10) at least 2 points lower than at their first visit, the smallest change patients notice.`
        : 'No patient who started in this range has had a pain score at a third visit yet. Improvement means a fall of at least 2 points (0–10).',
    },
    {
      label: 'Average change in Bournemouth score',
      value: change === null ? '–' : `${change > 0 ? '+' : change < 0 ? '−' : ''}${Math.abs(change).toFixed(1)}`,
      explanation: r.bournemouthPatients
        ? `From first to latest visit, over ${r.bournemouthPatients} patients with two or more scores. The questionnaire runs 0–70; a fall means fewer symptoms.`
        : 'No patient who started in this range has two Bournemouth scores yet. The questionnaire runs 0–70; a fall means fewer symptoms.',
    },
  ];
}
