import { addDays, daysBetween, eachDay, presetRange, rangeProblem, ukToday } from './date-range';

describe('analytics date ranges', () => {
  it('counts presets back from today, today included', () => {
    expect(presetRange('last-7', '2026-11-26')).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(presetRange('last-30', '2026-11-26')).toEqual({ from: '2026-10-28', to: '2026-11-26' });
    expect(presetRange('last-90', '2026-11-26')).toEqual({ from: '2026-08-29', to: '2026-11-26' });
    expect(presetRange('this-month', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-26' });
  });

  it('finds last month across a year end and in a leap February', () => {
    expect(presetRange('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('uses the UK calendar day, not the browser zone', () => {
    // 23:30 UTC on 31 May is already 1 June in London (BST).
    expect(ukToday(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-01');
    expect(ukToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('walks days across the clock change without skipping or repeating', () => {
    expect(eachDay('2026-10-24', '2026-10-27')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });

  it('explains a range the API would refuse', () => {
    expect(rangeProblem('2026-11-01', '2026-11-30')).toBeNull();
    expect(rangeProblem('', '2026-11-30')).toBe('Enter both dates.');
    expect(rangeProblem('2026-11-30', '2026-11-01')).toBe('The end date must be on or after the start date.');
    expect(rangeProblem('2023-01-01', '2026-11-30')).toBe('Choose a range of two years or less.');
  });
});
