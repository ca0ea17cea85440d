/**
 * Outcome measures (DOMAIN.md section 4): scoring, missing answers, and meaningful change.
 *
 * Missing answers, one rule per measure (the only place these rules live):
 * - NPRS: a single answer; unanswered means no score.
 * - Bournemouth: scored only when at least 6 of the 7 items are answered. With 6, the total is
 *   prorated (sum × 7 / 6) and rounded to the nearest whole number (halves round up), so a
 *   skipped item neither lowers the score nor blocks it. With 5 or fewer: no score (null),
 *   because guessing two or more items would invent too much of the total.
 * - PSFS: the mean of the activities that have a score; activities without one are left out.
 *   No scored activity: no score.
 * - Cramp episodes per week: the number the clinician recorded in the cramp profile, or none.
 * An answer outside its scale (or not a whole number) counts as unanswered. The schema rejects
 * such values before anything is stored; here it means a half-typed value never makes a score.
 */
import {
  BOURNEMOUTH_ITEM_COUNT,
  EPISODES_PER_WEEK_MAX,
  type BournemouthVersion,
  type ExamContent,
  type PsfsActivity,
} from './exam-model';

export const OUTCOME_MEASURES = ['nprs', 'bournemouth-back', 'bournemouth-neck', 'psfs', 'cramp-episodes'] as const;
/** Bournemouth back and neck are separate measures: their totals must never share a chart line. */
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];

export interface OutcomeMeasureDefinition {
  label: string;
  shortLabel: string;
  min: number;
  max: number;
  lowerIsBetter: boolean;
  /** What the number counts, for axis titles. */
  unit: string;
}

export const OUTCOME_DEFINITIONS: Readonly<Record<OutcomeMeasure, OutcomeMeasureDefinition>> = {
  nprs: { label: 'Pain score (NPRS)', shortLabel: 'Pain', min: 0, max: 10, lowerIsBetter: true, unit: 'points (0–10)' },
  'bournemouth-back': {
    label: 'Bournemouth Questionnaire, back', shortLabel: 'Bournemouth (back)',
    min: 0, max: 70, lowerIsBetter: true, unit: 'points (0–70)',
  },
  'bournemouth-neck': {
    label: 'Bournemouth Questionnaire, neck', shortLabel: 'Bournemouth (neck)',
    min: 0, max: 70, lowerIsBetter: true, unit: 'points (0–70)',
  },
  psfs: {
    label: 'Patient-Specific Functional Scale (PSFS)', shortLabel: 'PSFS',
    min: 0, max: 10, lowerIsBetter: false, unit: 'mean score (0–10)',
  },
  'cramp-episodes': {
    label: 'Cramp episodes per week', shortLabel: 'Cramps a week',
    min: 0, max: EPISODES_PER_WEEK_MAX, lowerIsBetter: true, unit: 'episodes a week',
  },
};

/**
 * Smallest change that counts as meaningful. `fraction` is a share of the baseline (the first
 * scored visit). With `combine: 'either'` the change must reach the points OR the fraction (the
 * smaller bar); with 'both' it must reach the larger. A baseline of 0 has no fraction, so the
 * points bar alone applies.
 */
export interface MeaningfulChangeRule {
  points: number;
  fraction: number | null;
  combine: 'either' | 'both';
  /** The rule in words, for chart legends and tooltips. */
  description: string;
}

export const MEANINGFUL_CHANGE: Readonly<Record<OutcomeMeasure, MeaningfulChangeRule>> = {
  // DOMAIN section 4: "2 points (or 30%)".
  nprs: { points: 2, fraction: 0.3, combine: 'either', description: '2 points or 30% of the first score' },
  // 30% of the baseline is the published Bournemouth benchmark; the 3-point floor stops one or two
  // points of noise on a low baseline (say 6/70) from counting as a real change.
  'bournemouth-back': {
    points: 3, fraction: 0.3, combine: 'both', description: '30% of the first score, and at least 3 points',
  },
  'bournemouth-neck': {
    points: 3, fraction: 0.3, combine: 'both', description: '30% of the first score, and at least 3 points',
  },
  // DOMAIN section 4: 2 points on the mean (a single activity uses PSFS_SINGLE_ACTIVITY_POINTS).
  psfs: { points: 2, fraction: null, combine: 'either', description: '2 points on the mean score' },
  // The clinic's own measure: halving counts. The 1-episode floor makes 0 → 1 a change and keeps
  // a baseline of 0 meaningful at all.
  'cramp-episodes': {
    points: 1, fraction: 0.5, combine: 'both', description: '50% of the first count, and at least 1 episode',
  },
};

/** A change of this many points on one PSFS activity is meaningful (DOMAIN section 4). */
export const PSFS_SINGLE_ACTIVITY_POINTS = 3;
/** Bournemouth is scored only with at least this many of its 7 items answered. */
export const BOURNEMOUTH_MIN_ANSWERED = 6;

/** Float tolerance: 30% of 7 is 2.0999999999999996 in binary, and 2.1 should still count. */
const EPSILON = 1e-9;

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

function answer(value: number | null | undefined, max: number): number | null {
  if (value === null || value === undefined) return null;
  return Number.isInteger(value) && value >= 0 && value <= max ? value : null;
}

export function scoreNprs(value: number | null): number | null {
  return answer(value, 10);
}

/** Total 0–70, higher is worse; see the missing-answer rule at the top of the file. */
export function scoreBournemouth(items: readonly (number | null)[]): number | null {
  const answered: number[] = [];
  for (let i = 0; i < BOURNEMOUTH_ITEM_COUNT; i++) {
    const a = answer(items[i], 10);
    if (a !== null) answered.push(a);
  }
  if (answered.length < BOURNEMOUTH_MIN_ANSWERED) return null;
  const sum = answered.reduce((s, v) => s + v, 0);
  return Math.round((sum * BOURNEMOUTH_ITEM_COUNT) / answered.length);
}

/** Mean of the scored activities, 0–10, higher is better. Not rounded: round only for display. */
export function scorePsfs(activities: readonly PsfsActivity[]): number | null {
  const scores = activities.map((a) => answer(a.score, 10)).filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  return scores.reduce((s, v) => s + v, 0) / scores.length;
}

export function scoreCrampEpisodes(episodesPerWeek: number | null): number | null {
  return answer(episodesPerWeek, EPISODES_PER_WEEK_MAX);
}

export type OutcomeScores = Record<OutcomeMeasure, number | null>;

/** Parts of the exam the scores come from. */
export type OutcomeInput = Pick<ExamContent, 'outcomes' | 'crampProfile'>;

/**
 * Every measure for one visit. Bournemouth lands under the version chosen; with no version it
 * is not scored (a total that could be back or neck cannot be charted). Call scoreBournemouth
 * directly to show a running total while the form is filled in.
 */
export function scoreOutcomes(exam: OutcomeInput): OutcomeScores {
  const { outcomes, crampProfile } = exam;
  const bournemouth = scoreBournemouth(outcomes.bournemouth.items);
  const version: BournemouthVersion | null = outcomes.bournemouth.version;
  return {
    nprs: scoreNprs(outcomes.nprs),
    'bournemouth-back': version === 'back' ? bournemouth : null,
    'bournemouth-neck': version === 'neck' ? bournemouth : null,
    psfs: scorePsfs(outcomes.psfs),
    'cramp-episodes': scoreCrampEpisodes(crampProfile.episodesPerWeek),
  };
}

// ---------------------------------------------------------------------------------------------
// Meaningful change
// ---------------------------------------------------------------------------------------------

/** The smallest absolute change from `baseline` that is meaningful for this measure. */
export function meaningfulChangeThreshold(measure: OutcomeMeasure, baseline: number): number {
  const rule = MEANINGFUL_CHANGE[measure];
  if (rule.fraction === null || baseline <= 0) return rule.points;
  const byFraction = rule.fraction * baseline;
  return rule.combine === 'either' ? Math.min(rule.points, byFraction) : Math.max(rule.points, byFraction);
}

export interface ChangeBand {
  /** At or below this is a meaningful change downward (clamped to the scale). */
  lower: number;
  /** At or above this is a meaningful change upward (clamped to the scale). */
  upper: number;
}

/** The no-real-change band around the baseline, for charts to shade. */
export function meaningfulChangeBand(measure: OutcomeMeasure, baseline: number): ChangeBand {
  const t = meaningfulChangeThreshold(measure, baseline);
  const { min, max } = OUTCOME_DEFINITIONS[measure];
  return { lower: Math.max(min, baseline - t), upper: Math.min(max, baseline + t) };
}

export type ChangeDirection = 'improved' | 'worse' | 'same';

export interface OutcomeComparison {
  measure: OutcomeMeasure;
  first: number;
  current: number;
  /** current − first, in the measure's own units (negative is a fall). */
  change: number;
  /** Change as a percentage of the first score; null when the first score is 0. */
  percentChange: number | null;
  direction: ChangeDirection;
  meaningful: boolean;
  threshold: number;
}

function directionOf(change: number, lowerIsBetter: boolean): ChangeDirection {
  if (Math.abs(change) < EPSILON) return 'same';
  const fell = change < 0;
  return fell === lowerIsBetter ? 'improved' : 'worse';
}

/**
 * Change since the first scored visit. Null when either score is missing: no comparison is
 * better than one made up from a blank.
 */
export function compareOutcome(
  measure: OutcomeMeasure,
  first: number | null,
  current: number | null,
): OutcomeComparison | null {
  if (first === null || current === null) return null;
  const change = current - first;
  const threshold = meaningfulChangeThreshold(measure, first);
  const direction = directionOf(change, OUTCOME_DEFINITIONS[measure].lowerIsBetter);
  return {
    measure,
    first,
    current,
    change,
    percentChange: first === 0 ? null : (change / first) * 100,
    direction,
    meaningful: direction !== 'same' && Math.abs(change) + EPSILON >= threshold,
    threshold,
  };
}

export interface OutcomeHistory {
  measure: OutcomeMeasure;
  /** One entry per visit, in the order given; null where the visit has no score. */
  scores: (number | null)[];
  /** Index of the first visit with a score: the baseline every later visit is compared with. */
  baselineIndex: number | null;
  band: ChangeBand | null;
  /** Per visit, the comparison with the baseline (null at and before the baseline, or if unscored). */
  comparisons: (OutcomeComparison | null)[];
}

/**
 * Series for the progress charts, visits oldest first. The baseline is the first visit that has
 * a score for that measure, which need not be visit 1 (PSFS may start later).
 */
export function outcomeHistory(visits: readonly OutcomeInput[]): Record<OutcomeMeasure, OutcomeHistory> {
  const perVisit = visits.map(scoreOutcomes);
  const result = {} as Record<OutcomeMeasure, OutcomeHistory>;
  for (const measure of OUTCOME_MEASURES) {
    const scores = perVisit.map((s) => s[measure]);
    const idx = scores.findIndex((s) => s !== null);
    const baselineIndex = idx === -1 ? null : idx;
    const baseline = baselineIndex === null ? null : scores[baselineIndex] ?? null;
    result[measure] = {
      measure,
      scores,
      baselineIndex,
      band: baseline === null ? null : meaningfulChangeBand(measure, baseline),
      comparisons: scores.map((s, i) =>
        baselineIndex === null || i <= baselineIndex ? null : compareOutcome(measure, baseline, s),
      ),
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// PSFS per activity
// ---------------------------------------------------------------------------------------------

/** Activities match by name, ignoring case and spacing, because patients retype them. */
export function psfsActivityKey(activity: string): string {
  return activity.trim().toLowerCase().replace(/\s+/g, ' ');
}

export interface PsfsActivityComparison {
  activity: string;
  first: number;
  current: number;
  change: number;
  direction: ChangeDirection;
  meaningful: boolean;
}

/** Activities scored at both visits, in the current visit's order. */
export function comparePsfsActivities(
  first: readonly PsfsActivity[],
  current: readonly PsfsActivity[],
): PsfsActivityComparison[] {
  const before = new Map<string, number>();
  for (const a of first) {
    const key = psfsActivityKey(a.activity);
    const score = answer(a.score, 10);
    if (key !== '' && score !== null && !before.has(key)) before.set(key, score);
  }
  const out: PsfsActivityComparison[] = [];
  for (const a of current) {
    const key = psfsActivityKey(a.activity);
    const now = answer(a.score, 10);
    const then = before.get(key);
    if (key === '' || now === null || then === undefined) continue;
    const change = now - then;
    const direction = directionOf(change, false);
    out.push({
      activity: a.activity.trim(),
      first: then,
      current: now,
      change,
      direction,
      meaningful: direction !== 'same' && Math.abs(change) >= PSFS_SINGLE_ACTIVITY_POINTS,
    });
    before.delete(key);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bournemouth questions (our own plain-English paraphrase, not the published wording)
// ---------------------------------------------------------------------------------------------

export interface BournemouthQuestion {
  /** Short name for tables and charts. */
  topic: string;
  text: string;
  /** Meaning of 0 (always the best end). */
  lowAnchor: string;
  /** Meaning of 10 (always the worst end), so every item adds up the same way. */
  highAnchor: string;
}

function bournemouthQuestions(part: BournemouthVersion): readonly BournemouthQuestion[] {
  const pain = `${part} pain`;
  return [
    {
      topic: 'Pain',
      text: `In the last week, how bad has your ${pain} been on average?`,
      lowAnchor: 'No pain',
      highAnchor: 'The worst pain I can imagine',
    },
    {
      topic: 'Daily tasks',
      text: `In the last week, how much has your ${pain} got in the way of everyday tasks, like housework, washing, getting dressed, lifting, reading or driving?`,
      lowAnchor: 'Not at all',
      highAnchor: 'I could not do them',
    },
    {
      topic: 'Social life',
      text: `In the last week, how much has your ${pain} stopped you from doing things with family and friends, or things you do for fun?`,
      lowAnchor: 'Not at all',
      highAnchor: 'I could not do them',
    },
    {
      topic: 'Worry',
      text: 'In the last week, how worried or tense have you felt? (For example on edge, irritable, or unable to relax or concentrate.)',
      lowAnchor: 'Not at all',
      highAnchor: 'All the time',
    },
    {
      topic: 'Low mood',
      text: 'In the last week, how low or down have you felt? (For example sad, unhappy or without hope.)',
      lowAnchor: 'Not at all',
      highAnchor: 'All the time',
    },
    {
      topic: 'Work',
      text: `In the last week, how much do you think your work, at home or in a job, has made your ${pain} worse, or would make it worse?`,
      lowAnchor: 'Not at all',
      highAnchor: 'A great deal',
    },
    {
      topic: 'Control',
      text: `In the last week, how hard has it been to ease or control your ${pain} by yourself?`,
      lowAnchor: 'I could control it fully',
      highAnchor: 'I could not control it at all',
    },
  ];
}

export const BOURNEMOUTH_QUESTIONS: Readonly<Record<BournemouthVersion, readonly BournemouthQuestion[]>> = {
  back: bournemouthQuestions('back'),
  neck: bournemouthQuestions('neck'),
};
