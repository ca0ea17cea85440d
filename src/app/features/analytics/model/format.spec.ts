import { formatMinutes, formatShare, humaniseKey, longDay, monthLabel, share, shortDay } from './format';

describe('analytics formatting', () => {
  it('writes business minutes as hours and minutes', () => {
    expect(formatMinutes(85)).toBe('1 h 25 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(59.6)).toBe('1 h');
    expect(formatMinutes(null)).toBe('–');
  });

  it('writes shares as percentages, with a decimal for small ones', () => {
    expect(formatShare(0.75)).toBe('75%');
    expect(formatShare(0.054)).toBe('5.4%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(null)).toBe('–');
    expect(share(1, 4)).toBe(0.25);
    expect(share(1, 0)).toBeNull();
  });

  it('writes dates and keys the British way', () => {
    expect(shortDay('2026-11-03')).toBe('3 Nov');
    expect(longDay('2026-11-03')).toBe('3 Nov 2026');
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(humaniseKey('calf-stretch-wall')).toBe('Calf stretch wall');
  });
});
