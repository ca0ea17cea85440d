import { HILLVIEW, RIVERSIDE } from './testing/fixtures';
import { auditDetailText, centreChanges, dayStartUtc, describeMinutes, openingSummary } from './format';

describe('admin formatting', () => {
  it('reads minutes as people say them', () => {
    expect(describeMinutes(0)).toBe('straight away');
    expect(describeMinutes(1)).toBe('1 minute');
    expect(describeMinutes(150)).toBe('2 hours 30 minutes');
    expect(describeMinutes(1440)).toBe('1 day');
  });

  it('summarises opening hours with runs of equal days', () => {
    expect(openingSummary(RIVERSIDE.openingHours)).toBe('Mon–Thu 08:30–18:00 · Fri 08:30–17:00 · Sat 09:00–13:00');
    expect(openingSummary([])).toBe('Closed all week');
    expect(openingSummary([{ weekday: 0, open: '10:00', close: '12:00' }, { weekday: 1, open: '14:00', close: '18:00' }, { weekday: 1, open: '08:00', close: '12:00' }]))
      .toBe('Mon 08:00–12:00, 14:00–18:00 · Sun 10:00–12:00');
  });

  it('finds when a UK day starts, in summer and winter time', () => {
    expect(dayStartUtc('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(dayStartUtc('2026-01-15')).toBe('2026-01-15T00:00:00.000Z');
    expect(dayStartUtc('2026-03-28', 1)).toBe('2026-03-29T00:00:00.000Z');
    expect(dayStartUtc('2026-03-29', 1)).toBe('2026-03-29T23:00:00.000Z');
    expect(dayStartUtc('not a date')).toBeNull();
  });

  it('writes details as compact key: value text', () => {
    expect(auditDetailText({ a: 1, b: { c: true, d: [] }, e: null })).toBe('a: 1 · b.c: true · b.d: — · e: —');
    expect(auditDetailText({ long: 'x'.repeat(600) }).length).toBe(400);
  });

  it('describes what another person changed on a centre', () => {
    expect(centreChanges(RIVERSIDE, { ...RIVERSIDE, phone: '0800 000', openingHours: [] })).toEqual([
      'Phone is now “0800 000”.',
      'Opening hours are now: Closed all week.',
    ]);
    expect(centreChanges(RIVERSIDE, { ...HILLVIEW, name: RIVERSIDE.name, address: RIVERSIDE.address })).toEqual([]);
  });
});
