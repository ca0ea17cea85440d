import { formatAge, readClock } from './response-clock';

describe('readClock', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');

  it('counts down to the due time', () => {
    expect(readClock('2026-11-26T11:30:00Z', now)).toEqual({ label: '1 h 30 min left', overdue: false, soon: false });
  });

  it('warns in the last quarter of an hour', () => {
    expect(readClock('2026-11-26T10:10:00Z', now)?.soon).toBeTrue();
  });

  it('says how long a request is overdue', () => {
    expect(readClock('2026-11-26T09:15:00Z', now)).toEqual({ label: '45 min overdue', overdue: true, soon: false });
  });

  it('reads the age of a request', () => {
    expect(formatAge('2026-11-26T07:00:00Z', now)).toBe('3 h ago');
  });
});
