import {
  addDays, checkHours, findSlots, localDate, localMinutes, localToUtc, outsideHours, weekdayOf, zoneOffsetMinutes,
  type SlotSearch,
} from '../db/repositories/diary';

const LONDON = 'Europe/London';
const ALL_WEEK = [0, 1, 2, 3, 4, 5, 6];

function search(overrides: Partial<SlotSearch>): SlotSearch {
  return {
    zone: LONDON,
    fromDate: '2027-01-11', // a Monday
    days: 7,
    minutes: 20,
    now: Date.parse('2027-01-01T00:00:00Z'),
    clinicians: [{ id: 'c1', name: 'Dr One' }],
    hours: ALL_WEEK.map((weekday) => ({ clinicianId: 'c1', weekday, start: '09:00', end: '17:00' })),
    busy: [],
    limit: 500,
    ...overrides,
  };
}

const londonClock = (iso: string) => {
  const ms = Date.parse(iso);
  const m = localMinutes(LONDON, ms);
  return `${localDate(LONDON, ms)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

describe('diary time zone arithmetic', () => {
  it('knows London is on GMT in winter and BST in summer', () => {
    expect(zoneOffsetMinutes(LONDON, Date.parse('2027-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes(LONDON, Date.parse('2027-07-15T12:00:00Z'))).toBe(60);
  });

  it('turns a local wall-clock time into the right UTC instant either side of the clock changes', () => {
    // Clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027.
    expect(new Date(localToUtc(LONDON, '2027-03-27', 9 * 60)!).toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(new Date(localToUtc(LONDON, '2027-03-29', 9 * 60)!).toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(new Date(localToUtc(LONDON, '2027-10-30', 9 * 60)!).toISOString()).toBe('2027-10-30T08:00:00.000Z');
    expect(new Date(localToUtc(LONDON, '2027-11-01', 9 * 60)!).toISOString()).toBe('2027-11-01T09:00:00.000Z');
  });

  it('says a time skipped when the clocks go forward does not exist', () => {
    expect(localToUtc(LONDON, '2027-03-28', 60 + 30)).toBeNull();
    expect(localToUtc(LONDON, '2027-03-28', 2 * 60 + 30)).not.toBeNull();
  });

  it('counts calendar days and weekdays without drifting', () => {
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2027-01-11')).toBe(1);
    expect(weekdayOf('2027-01-10')).toBe(0);
  });
});

describe('slot finder', () => {
  it('offers slots inside working hours only, on the 15-minute grid, earliest first', () => {
    const slots = findSlots(search({ days: 1 }));
    expect(slots.length).toBeGreaterThan(0);
    expect(londonClock(slots[0]!.start)).toBe('2027-01-11 09:00');
    expect(londonClock(slots.at(-1)!.end) <= '2027-01-11 17:00').toBeTrue();
    for (const slot of slots) {
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(20 * 60_000);
      expect(localMinutes(LONDON, Date.parse(slot.start)) % 15).toBe(0);
      expect(slot.clinicianName).toBe('Dr One');
    }
    const starts = slots.map((s) => s.start);
    expect([...starts].sort()).toEqual(starts);
  });

  it('never offers a slot that would run past the end of a block or across a lunch break', () => {
    const hours = [
      { clinicianId: 'c1', weekday: 1, start: '09:00', end: '12:30' },
      { clinicianId: 'c1', weekday: 1, start: '13:30', end: '17:00' },
    ];
    const slots = findSlots(search({ days: 1, minutes: 45, hours }));
    for (const slot of slots) {
      const from = localMinutes(LONDON, Date.parse(slot.start));
      const to = localMinutes(LONDON, Date.parse(slot.end));
      const inMorning = from >= 9 * 60 && to <= 12 * 60 + 30;
      const inAfternoon = from >= 13 * 60 + 30 && to <= 17 * 60;
      expect(inMorning || inAfternoon).withContext(londonClock(slot.start)).toBeTrue();
    }
    expect(slots.some((s) => londonClock(s.start) === '2027-01-11 11:45')).toBeTrue();
    expect(slots.some((s) => londonClock(s.start) === '2027-01-11 12:00')).toBeFalse();
  });

  it('skips booked appointments and offers the time straight after one', () => {
    const busy = [{ clinicianId: 'c1', start: Date.parse('2027-01-11T09:10:00Z'), end: Date.parse('2027-01-11T09:55:00Z') }];
    const slots = findSlots(search({ days: 1, busy }));
    const starts = slots.map((s) => londonClock(s.start));
    expect(starts).not.toContain('2027-01-11 09:00');
    expect(starts).not.toContain('2027-01-11 09:15');
    expect(starts).not.toContain('2027-01-11 09:45');
    expect(starts).toContain('2027-01-11 09:55');
    for (const slot of slots) {
      expect(Date.parse(slot.start) >= busy[0]!.end || Date.parse(slot.end) <= busy[0]!.start).toBeTrue();
    }
  });

  it('ignores another clinician\'s bookings', () => {
    const busy = [{ clinicianId: 'c2', start: Date.parse('2027-01-11T09:00:00Z'), end: Date.parse('2027-01-11T17:00:00Z') }];
    expect(londonClock(findSlots(search({ days: 1, busy }))[0]!.start)).toBe('2027-01-11 09:00');
  });

  it('never offers a slot in the past', () => {
    const now = Date.parse('2027-01-11T11:07:00Z');
    const slots = findSlots(search({ days: 2, now, fromDate: '2027-01-11' }));
    expect(londonClock(slots[0]!.start)).toBe('2027-01-11 11:15');
    expect(slots.every((s) => Date.parse(s.start) >= now)).toBeTrue();
  });

  it('honours the preferred days and time of day', () => {
    const mornings = findSlots(search({ days: 14, preferredDays: [2, 4], timeOfDay: 'morning' }));
    expect(mornings.length).toBeGreaterThan(0);
    for (const slot of mornings) {
      const ms = Date.parse(slot.start);
      expect([2, 4]).toContain(weekdayOf(localDate(LONDON, ms)));
      expect(localMinutes(LONDON, ms)).toBeLessThan(12 * 60);
    }
    const evenings = findSlots(search({
      days: 7, timeOfDay: 'evening', hours: [{ clinicianId: 'c1', weekday: 2, start: '12:00', end: '20:00' }],
    }));
    expect(evenings.length).toBeGreaterThan(0);
    for (const slot of evenings) expect(localMinutes(LONDON, Date.parse(slot.start))).toBeGreaterThanOrEqual(17 * 60);
    const afternoons = findSlots(search({ days: 1, timeOfDay: 'afternoon' }));
    for (const slot of afternoons) {
      const m = localMinutes(LONDON, Date.parse(slot.start));
      expect(m >= 12 * 60 && m < 17 * 60).toBeTrue();
    }
  });

  it('keeps 09:00 local as 09:00 across the spring and autumn clock changes', () => {
    for (const [fromDate, days] of [['2027-03-26', 5], ['2027-10-29', 5]] as const) {
      const slots = findSlots(search({ fromDate, days, limit: 1000 }));
      const firstOfEachDay = new Map<string, string>();
      for (const slot of slots) {
        const date = localDate(LONDON, Date.parse(slot.start));
        if (!firstOfEachDay.has(date)) firstOfEachDay.set(date, londonClock(slot.start));
      }
      expect(firstOfEachDay.size).toBe(days);
      for (const [date, clock] of firstOfEachDay) expect(clock).toBe(`${date} 09:00`);
      // The instants differ by an hour across the change.
      const utcHours = [...firstOfEachDay.keys()].map((date) => new Date(localToUtc(LONDON, date, 9 * 60)!).getUTCHours());
      expect(new Set(utcHours).size).toBe(2);
    }
  });

  it('works for a centre in another time zone', () => {
    const slots = findSlots(search({ zone: 'America/New_York', days: 1 }));
    expect(slots[0]!.start).toBe('2027-01-11T14:00:00.000Z');
  });

  it('orders several clinicians by time and stops at the limit', () => {
    const clinicians = [{ id: 'c1', name: 'Dr One' }, { id: 'c2', name: 'Dr Two' }];
    const hours = [
      { clinicianId: 'c1', weekday: 1, start: '10:00', end: '12:00' },
      { clinicianId: 'c2', weekday: 1, start: '09:00', end: '12:00' },
    ];
    const slots = findSlots(search({ clinicians, hours, limit: 3 }));
    expect(slots.length).toBe(3);
    expect(slots[0]!.clinicianId).toBe('c2');
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort());
  });
});

describe('working hours checks', () => {
  const hours = [{ weekday: 1, start: '09:00', end: '13:00' }, { weekday: 1, start: '14:00', end: '17:00' }];

  it('accepts a booking inside a block and refuses one outside, across lunch or on a day off', () => {
    expect(outsideHours(LONDON, Date.parse('2027-01-11T09:00:00Z'), 45, hours)).toBeNull();
    expect(outsideHours(LONDON, Date.parse('2027-01-11T12:40:00Z'), 20, hours)).toBeNull();
    expect(outsideHours(LONDON, Date.parse('2027-01-11T12:45:00Z'), 20, hours)).not.toBeNull();
    expect(outsideHours(LONDON, Date.parse('2027-01-11T08:45:00Z'), 20, hours)).not.toBeNull();
    expect(outsideHours(LONDON, Date.parse('2027-01-12T09:00:00Z'), 20, hours)).not.toBeNull();
    // Summer time: 09:00 local is 08:00 UTC.
    const summer = [{ weekday: 1, start: '09:00', end: '10:00' }];
    expect(outsideHours(LONDON, Date.parse('2027-07-12T08:00:00Z'), 20, summer)).toBeNull();
    expect(outsideHours(LONDON, Date.parse('2027-07-12T09:00:00Z'), 20, summer)).not.toBeNull();
  });

  it('refuses blocks that end before they start or overlap', () => {
    expect(checkHours(hours, [])).toEqual({});
    expect(Object.keys(checkHours([{ weekday: 1, start: '10:00', end: '09:00' }], []))).toEqual(['hours.0']);
    expect(Object.keys(checkHours([{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }], []))).toEqual(['hours.0', 'hours.1']);
    expect(checkHours([{ weekday: 2, start: '09:00', end: '12:00' }], [{ weekday: 2, start: '11:30', end: '15:00', centreId: 'x' }])['hours.0'])
      .toContain('another centre');
  });
});
