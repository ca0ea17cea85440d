import { groupSlotsByDay } from './components/slot-list';
import { toTimeOfDay, toWeekdayNumbers } from './components/slot-filters';
import { slotFixture } from './testing/diary-fixtures';
import { addDays, dayIn, minutesInDay, timeIn } from './time';

describe('diary time helpers', () => {
  it('shows UTC instants in London time across the clock change', () => {
    expect(timeIn('2026-07-01T08:30:00.000Z', 'Europe/London')).toBe('09:30');
    expect(timeIn('2026-11-26T08:30:00.000Z', 'Europe/London')).toBe('08:30');
    expect(minutesInDay('2026-03-29T01:30:00.000Z', 'Europe/London')).toBe(150);
    expect(dayIn('2026-07-01T23:30:00.000Z', 'Europe/London')).toBe('2026-07-02');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('groups slots by the centre\'s local day, in the server\'s order', () => {
    const days = groupSlotsByDay([
      slotFixture('2026-07-01T08:00:00.000Z'),
      slotFixture('2026-07-01T23:15:00.000Z', 'k2'),
      slotFixture('2026-07-02T09:00:00.000Z'),
    ], 'Europe/London');
    expect(days.map((d) => d.date)).toEqual(['2026-07-01', '2026-07-02']);
    expect(days[0]!.label).toBe('Wednesday 1 July 2026');
    expect(days[1]!.slots.map((s) => s.time)).toEqual(['00:15', '10:00']);
  });

  it('reads preferred days from web requests and numbers alike', () => {
    expect(toWeekdayNumbers(['mon', 'wed', 'sun'])).toEqual([0, 1, 3]);
    expect(toWeekdayNumbers(['5', 'Tuesday', 'nonsense'])).toEqual([2, 5]);
    expect(toTimeOfDay('evening')).toBe('evening');
    expect(toTimeOfDay('whenever')).toBe('any');
  });
});
