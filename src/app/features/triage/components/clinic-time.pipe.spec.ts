import { clinicTime } from './clinic-time.pipe';

describe('clinicTime', () => {
  it('shows UTC instants on the clinic’s clock, across the change to summer time', () => {
    expect(clinicTime('2026-01-15T09:30:00Z', 'time')).toBe('09:30');
    expect(clinicTime('2026-07-15T09:30:00Z', 'time')).toBe('10:30');
    expect(clinicTime('2026-11-26T14:05:00Z')).toBe('Thu 26 Nov, 14:05');
  });

  it('shows nothing for a missing or broken time', () => {
    expect(clinicTime(null)).toBe('');
    expect(clinicTime('not a date')).toBe('');
  });
});
