import { analyticsFixture, emptyAnalytics } from '../testing/fixtures';
import { kpiTiles, resultTiles } from './kpis';

describe('analytics tiles', () => {
  it('writes the six headline figures in plain words', () => {
    const tiles = kpiTiles(analyticsFixture());
    expect(tiles.map((t) => [t.label, t.value])).toEqual([
      ['Requests received', '10'],
      ['Median time to first contact', '1 h 25 min'],
      ['Answered within target', '75%'],
      ['Request to first visit', '30%'],
      ['Did not attend', '5.0%'],
      ['Handouts issued', '4'],
    ]);
    expect(tiles.every((t) => t.explanation.length > 20)).toBeTrue();
  });

  it('shows results with their n, and a dash when nobody qualifies', () => {
    const [pain, bournemouth] = resultTiles(analyticsFixture());
    expect(pain.value).toBe('63%');
    expect(pain.explanation).toContain('5 of 8 patients');
    expect(bournemouth.value).toBe('−7.5');
    expect(bournemouth.explanation).toContain('6 patients');
    const none = resultTiles(emptyAnalytics());
    expect(none.map((t) => t.value)).toEqual(['–', '–']);
    expect(none[0].explanation).toContain('No patient who started in this range');
  });
});
