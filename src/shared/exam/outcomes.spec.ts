import { emptyExam, type ExamContent } from './exam-model';
import { exampleExam } from './exam-example';
import {
  BOURNEMOUTH_QUESTIONS,
  MEANINGFUL_CHANGE,
  OUTCOME_DEFINITIONS,
  OUTCOME_MEASURES,
  PSFS_SINGLE_ACTIVITY_POINTS,
  compareOutcome,
  comparePsfsActivities,
  meaningfulChangeBand,
  meaningfulChangeThreshold,
  outcomeHistory,
  scoreBournemouth,
  scoreCrampEpisodes,
  scoreNprs,
  scoreOutcomes,
  scorePsfs,
} from './outcomes';

describe('outcome scoring', () => {
  describe('NPRS', () => {
    it('scores 0–10 as given and nothing otherwise', () => {
      expect(scoreNprs(0)).toBe(0);
      expect(scoreNprs(10)).toBe(10);
      expect(scoreNprs(null)).toBeNull();
      expect(scoreNprs(11)).toBeNull();
      expect(scoreNprs(4.5)).toBeNull();
    });
  });

  describe('Bournemouth (missing-answer rule: at least 6 of 7, prorated and rounded)', () => {
    it('adds the seven items (0–70)', () => {
      expect(scoreBournemouth([7, 6, 5, 4, 3, 6, 5])).toBe(36);
      expect(scoreBournemouth([0, 0, 0, 0, 0, 0, 0])).toBe(0);
      expect(scoreBournemouth([10, 10, 10, 10, 10, 10, 10])).toBe(70);
    });

    it('prorates one missing item: sum × 7 / 6, rounded', () => {
      // 31 × 7 / 6 = 36.17 → 36
      expect(scoreBournemouth([7, 6, 5, 4, 3, 6, null])).toBe(36);
      // 3 × 7 / 6 = 3.5 → 4 (halves round up)
      expect(scoreBournemouth([1, 1, 1, 0, 0, 0, null])).toBe(4);
      // all answered 10 except one: prorates to the full 70, not 60
      expect(scoreBournemouth([10, 10, null, 10, 10, 10, 10])).toBe(70);
    });

    it('gives no score with two or more items missing', () => {
      expect(scoreBournemouth([7, 6, 5, 4, 3, null, null])).toBeNull();
      expect(scoreBournemouth([null, null, null, null, null, null, null])).toBeNull();
      expect(scoreBournemouth([])).toBeNull();
    });

    it('counts an out-of-range or fractional item as unanswered', () => {
      expect(scoreBournemouth([7, 6, 5, 4, 3, 6, 11])).toBe(36);
      expect(scoreBournemouth([7, 6, 5, 4, 3, 2.5, 11])).toBeNull();
    });

    it('has seven plain-English questions per version, naming the right body part', () => {
      for (const version of ['back', 'neck'] as const) {
        const qs = BOURNEMOUTH_QUESTIONS[version];
        expect(qs.length).toBe(7);
        for (const q of qs) {
          expect(q.text.length).toBeGreaterThan(20);
          expect(q.lowAnchor.length).toBeGreaterThan(0);
          expect(q.highAnchor.length).toBeGreaterThan(0);
        }
        expect(qs[0]?.text).toContain(`${version} pain`);
      }
      expect(BOURNEMOUTH_QUESTIONS.back[1]?.text).not.toContain('neck');
    });
  });

  describe('PSFS (missing-answer rule: mean of the scored activities)', () => {
    it('is the mean of the activity scores', () => {
      expect(scorePsfs([{ activity: 'a', score: 3 }, { activity: 'b', score: 5 }, { activity: 'c', score: 2 }]))
        .toBeCloseTo(10 / 3, 10);
    });

    it('leaves unscored activities out, and gives no score when none is scored', () => {
      expect(scorePsfs([{ activity: 'a', score: 4 }, { activity: 'b', score: null }])).toBe(4);
      expect(scorePsfs([{ activity: 'a', score: null }])).toBeNull();
      expect(scorePsfs([])).toBeNull();
    });
  });

  describe('cramp episodes', () => {
    it('is the count recorded in the cramp profile', () => {
      expect(scoreCrampEpisodes(6)).toBe(6);
      expect(scoreCrampEpisodes(null)).toBeNull();
      expect(scoreCrampEpisodes(101)).toBeNull();
    });
  });

  describe('scoreOutcomes', () => {
    it('scores every measure of a visit, Bournemouth under its version', () => {
      expect(scoreOutcomes(exampleExam())).toEqual({
        nprs: 7,
        'bournemouth-back': 36,
        'bournemouth-neck': null,
        psfs: 10 / 3,
        'cramp-episodes': 6,
      });
    });

    it('scores nothing for a blank exam', () => {
      const scores = scoreOutcomes(emptyExam());
      for (const m of OUTCOME_MEASURES) expect(scores[m]).withContext(m).toBeNull();
    });

    it('does not chart a Bournemouth total whose version is not chosen', () => {
      const exam = exampleExam();
      exam.outcomes.bournemouth.version = null;
      const scores = scoreOutcomes(exam);
      expect(scores['bournemouth-back']).toBeNull();
      expect(scores['bournemouth-neck']).toBeNull();
    });
  });
});

describe('meaningful change', () => {
  it('exports the thresholds as data for the charts', () => {
    expect(MEANINGFUL_CHANGE.nprs).toEqual(jasmine.objectContaining({ points: 2, fraction: 0.3, combine: 'either' }));
    expect(MEANINGFUL_CHANGE['bournemouth-back']).toEqual(jasmine.objectContaining({ points: 3, fraction: 0.3, combine: 'both' }));
    expect(MEANINGFUL_CHANGE.psfs).toEqual(jasmine.objectContaining({ points: 2, fraction: null }));
    expect(MEANINGFUL_CHANGE['cramp-episodes']).toEqual(jasmine.objectContaining({ fraction: 0.5 }));
    expect(PSFS_SINGLE_ACTIVITY_POINTS).toBe(3);
    for (const m of OUTCOME_MEASURES) expect(MEANINGFUL_CHANGE[m].description.length).toBeGreaterThan(0);
  });

  it('knows which way is better', () => {
    expect(OUTCOME_DEFINITIONS.nprs.lowerIsBetter).toBeTrue();
    expect(OUTCOME_DEFINITIONS['bournemouth-back'].lowerIsBetter).toBeTrue();
    expect(OUTCOME_DEFINITIONS['cramp-episodes'].lowerIsBetter).toBeTrue();
    expect(OUTCOME_DEFINITIONS.psfs.lowerIsBetter).toBeFalse();
  });

  describe('NPRS: 2 points or 30%', () => {
    it('counts a 2-point fall as a meaningful improvement', () => {
      expect(compareOutcome('nprs', 8, 6)).toEqual(jasmine.objectContaining({
        change: -2, direction: 'improved', meaningful: true,
      }));
    });

    it('does not count 1 point on a high baseline (8 → 7 is 12.5%)', () => {
      expect(compareOutcome('nprs', 8, 7)?.meaningful).toBeFalse();
    });

    it('counts 30% on a low baseline even under 2 points (3 → 2 is 33%)', () => {
      expect(compareOutcome('nprs', 3, 2)).toEqual(jasmine.objectContaining({ direction: 'improved', meaningful: true }));
    });

    it('counts a rise as worse, meaningful by the same rule', () => {
      expect(compareOutcome('nprs', 4, 6)).toEqual(jasmine.objectContaining({ direction: 'worse', meaningful: true }));
      expect(compareOutcome('nprs', 0, 1)).toEqual(jasmine.objectContaining({ direction: 'worse', meaningful: false }));
    });
  });

  describe('Bournemouth: 30% of the first score, and at least 3 points', () => {
    it('needs 30% of a high baseline', () => {
      expect(meaningfulChangeThreshold('bournemouth-back', 40)).toBeCloseTo(12, 10);
      expect(compareOutcome('bournemouth-back', 40, 29)?.meaningful).toBeFalse();
      expect(compareOutcome('bournemouth-back', 40, 28)?.meaningful).toBeTrue();
    });

    it('needs at least 3 points on a low baseline', () => {
      expect(meaningfulChangeThreshold('bournemouth-neck', 6)).toBe(3);
      expect(compareOutcome('bournemouth-neck', 6, 4)?.meaningful).toBeFalse();
      expect(compareOutcome('bournemouth-neck', 6, 3)?.meaningful).toBeTrue();
    });

    it('copes with float rounding at the edge (30% of 7 is 2.1, floor 3 applies)', () => {
      expect(compareOutcome('bournemouth-back', 7, 4)?.meaningful).toBeTrue();
    });

    it('reports the percentage change', () => {
      expect(compareOutcome('bournemouth-back', 40, 30)?.percentChange).toBeCloseTo(-25, 10);
      expect(compareOutcome('bournemouth-back', 0, 5)?.percentChange).toBeNull();
    });
  });

  describe('PSFS: higher is better, 2 points on the mean', () => {
    it('counts a 2-point rise in the mean as a meaningful improvement', () => {
      expect(compareOutcome('psfs', 3, 5)).toEqual(jasmine.objectContaining({ direction: 'improved', meaningful: true }));
      expect(compareOutcome('psfs', 10 / 3, 5)?.meaningful).toBeFalse();
    });

    it('counts a fall as worse', () => {
      expect(compareOutcome('psfs', 6, 3)).toEqual(jasmine.objectContaining({ direction: 'worse', meaningful: true }));
    });

    it('compares single activities by name with the 3-point bar', () => {
      const result = comparePsfsActivities(
        [
          { activity: 'Walking the dog', score: 3 },
          { activity: 'Sitting through a film', score: 4 },
          { activity: 'Gardening', score: 2 },
        ],
        [
          { activity: '  walking  THE dog ', score: 6 },
          { activity: 'Sitting through a film', score: 6 },
          { activity: 'Swimming', score: 5 },
        ],
      );
      expect(result).toEqual([
        { activity: 'walking  THE dog', first: 3, current: 6, change: 3, direction: 'improved', meaningful: true },
        { activity: 'Sitting through a film', first: 4, current: 6, change: 2, direction: 'improved', meaningful: false },
      ]);
    });
  });

  describe('cramp episodes: 50% reduction', () => {
    it('counts halving as meaningful and less than half as not', () => {
      expect(compareOutcome('cramp-episodes', 6, 3)).toEqual(jasmine.objectContaining({ direction: 'improved', meaningful: true }));
      expect(compareOutcome('cramp-episodes', 6, 4)?.meaningful).toBeFalse();
      expect(compareOutcome('cramp-episodes', 1, 0)?.meaningful).toBeTrue();
    });

    it('treats going from none to some as meaningful worsening', () => {
      expect(compareOutcome('cramp-episodes', 0, 2)).toEqual(jasmine.objectContaining({ direction: 'worse', meaningful: true }));
    });
  });

  it('calls no change "same" and never meaningful', () => {
    for (const m of OUTCOME_MEASURES) {
      expect(compareOutcome(m, 5, 5)).toEqual(jasmine.objectContaining({ change: 0, direction: 'same', meaningful: false }));
    }
  });

  it('does not compare with a missing score', () => {
    expect(compareOutcome('nprs', null, 3)).toBeNull();
    expect(compareOutcome('nprs', 3, null)).toBeNull();
  });

  it('gives the band around the baseline, clamped to the scale', () => {
    expect(meaningfulChangeBand('nprs', 8)).toEqual({ lower: 6, upper: 10 });
    expect(meaningfulChangeBand('nprs', 9)).toEqual({ lower: 7, upper: 10 });
    // 30% of a baseline of 1 is 0.3, so any whole-point change from 1 is meaningful.
    expect(meaningfulChangeBand('nprs', 1)).toEqual({ lower: 0.7, upper: 1.3 });
    expect(meaningfulChangeBand('bournemouth-back', 2)).toEqual({ lower: 0, upper: 5 });
    expect(meaningfulChangeBand('psfs', 9)).toEqual({ lower: 7, upper: 10 });
    expect(meaningfulChangeBand('cramp-episodes', 10)).toEqual({ lower: 5, upper: 15 });
  });
});

describe('outcomeHistory', () => {
  function visit(change: (e: ExamContent) => void): ExamContent {
    const e = emptyExam();
    change(e);
    return e;
  }

  it('compares each visit with the first visit that has a score for that measure', () => {
    const visits = [
      visit((e) => { e.outcomes.nprs = 8; }),
      visit((e) => { e.outcomes.nprs = 7; e.outcomes.psfs = [{ activity: 'Walk', score: 2 }]; }),
      visit((e) => { e.outcomes.nprs = 4; e.outcomes.psfs = [{ activity: 'Walk', score: 6 }]; }),
    ];
    const h = outcomeHistory(visits);
    expect(h.nprs.scores).toEqual([8, 7, 4]);
    expect(h.nprs.baselineIndex).toBe(0);
    expect(h.nprs.band).toEqual({ lower: 6, upper: 10 });
    expect(h.nprs.comparisons[0]).toBeNull();
    expect(h.nprs.comparisons[1]?.meaningful).toBeFalse();
    expect(h.nprs.comparisons[2]).toEqual(jasmine.objectContaining({ change: -4, direction: 'improved', meaningful: true }));

    // PSFS starts at visit 2, so visit 2 is its baseline.
    expect(h.psfs.baselineIndex).toBe(1);
    expect(h.psfs.comparisons).toEqual([null, null, jasmine.objectContaining({ change: 4, meaningful: true })]);

    expect(h['bournemouth-back'].baselineIndex).toBeNull();
    expect(h['bournemouth-back'].band).toBeNull();
    expect(h['bournemouth-back'].comparisons).toEqual([null, null, null]);
  });

  it('leaves a gap, not a zero, for a visit without a score', () => {
    const h = outcomeHistory([
      visit((e) => { e.crampProfile.episodesPerWeek = 8; }),
      visit(() => undefined),
      visit((e) => { e.crampProfile.episodesPerWeek = 2; }),
    ]);
    expect(h['cramp-episodes'].scores).toEqual([8, null, 2]);
    expect(h['cramp-episodes'].comparisons[1]).toBeNull();
    expect(h['cramp-episodes'].comparisons[2]?.meaningful).toBeTrue();
  });
});
