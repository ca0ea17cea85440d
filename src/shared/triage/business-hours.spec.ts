import { ENGLAND_AND_WALES_BANK_HOLIDAY_DATES } from './bank-holidays';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  DEFAULT_RESPONSE_TARGET_MINUTES,
  dueAt,
  isOpenAt,
  nextOpening,
  responseTarget,
  type OpeningHours,
} from './business-hours';

const LONDON = 'Europe/London';
const HOLIDAYS = ENGLAND_AND_WALES_BANK_HOLIDAY_DATES;

/** Monday to Friday 09:00-17:00, closed at weekends. */
const WEEKDAYS: OpeningHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' }));

/** The shape the server seeds: long weekdays, a short Friday, Saturday mornings. */
const WITH_SATURDAY: OpeningHours = [
  { weekday: 1, open: '08:30', close: '18:00' },
  { weekday: 2, open: '08:30', close: '18:00' },
  { weekday: 3, open: '08:30', close: '18:00' },
  { weekday: 4, open: '08:30', close: '18:00' },
  { weekday: 5, open: '08:30', close: '17:00' },
  { weekday: 6, open: '09:00', close: '13:00' },
];

const ALWAYS_OPEN: OpeningHours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));

const utc = (iso: string): Date => new Date(iso);
const iso = (date: Date | null): string | null => date?.toISOString().replace('.000', '') ?? null;

describe('business hours', () => {
  describe('addBusinessMinutes', () => {
    it('adds minutes within one opening period', () => {
      // Tuesday 13 January 2026, GMT, so UTC equals London time
      expect(iso(addBusinessMinutes(utc('2026-01-13T10:00:00Z'), 120, WEEKDAYS, LONDON, HOLIDAYS))).toBe('2026-01-13T12:00:00Z');
    });

    it('pauses the clock overnight', () => {
      expect(iso(addBusinessMinutes(utc('2026-01-13T16:00:00Z'), 120, WEEKDAYS, LONDON))).toBe('2026-01-14T10:00:00Z');
    });

    it('starts the clock at opening for a request that arrives out of hours', () => {
      expect(iso(addBusinessMinutes(utc('2026-01-13T20:00:00Z'), 120, WEEKDAYS, LONDON))).toBe('2026-01-14T11:00:00Z');
      expect(iso(addBusinessMinutes(utc('2026-01-14T06:15:00Z'), 120, WEEKDAYS, LONDON))).toBe('2026-01-14T11:00:00Z');
    });

    it('carries a Friday-evening request to Monday, or to Saturday morning where the clinic opens', () => {
      // Friday 16 January 2026 after close
      expect(iso(addBusinessMinutes(utc('2026-01-16T18:30:00Z'), 120, WEEKDAYS, LONDON))).toBe('2026-01-19T11:00:00Z');
      expect(iso(addBusinessMinutes(utc('2026-01-16T18:30:00Z'), 120, WITH_SATURDAY, LONDON))).toBe('2026-01-17T11:00:00Z');
      // four hours from Friday 16:00 on the seeded hours: 1h Friday, 4h Saturday would overshoot, so Saturday 12:00
      expect(iso(addBusinessMinutes(utc('2026-01-16T16:00:00Z'), 240, WITH_SATURDAY, LONDON))).toBe('2026-01-17T12:00:00Z');
    });

    it('ends exactly at closing time rather than at the next opening', () => {
      expect(iso(addBusinessMinutes(utc('2026-01-13T15:00:00Z'), 120, WEEKDAYS, LONDON))).toBe('2026-01-13T17:00:00Z');
    });

    it('skips bank holidays: the Easter weekend', () => {
      // Thursday 2 April 2026 16:00 BST; Good Friday 3 and Easter Monday 6 April are closed
      const due = addBusinessMinutes(utc('2026-04-02T15:00:00Z'), 240, WEEKDAYS, LONDON, HOLIDAYS);
      expect(iso(due)).toBe('2026-04-07T11:00:00Z'); // Tuesday 12:00 BST
      const withoutHolidays = addBusinessMinutes(utc('2026-04-02T15:00:00Z'), 240, WEEKDAYS, LONDON, []);
      expect(iso(withoutHolidays)).toBe('2026-04-03T11:00:00Z');
    });

    it('skips bank holidays: Christmas 2026, when Boxing Day is a Saturday and Monday is the substitute', () => {
      const due = addBusinessMinutes(utc('2026-12-24T16:00:00Z'), 120, WEEKDAYS, LONDON, HOLIDAYS);
      expect(iso(due)).toBe('2026-12-29T10:00:00Z');
      // a clinic open on Saturdays opens on Saturday 26 December: only the substitute Monday is a holiday
      const saturdayClinic = addBusinessMinutes(utc('2026-12-24T18:30:00Z'), 60, WITH_SATURDAY, LONDON, HOLIDAYS);
      expect(iso(saturdayClinic)).toBe('2026-12-26T10:00:00Z');
    });

    it('skips bank holidays: New Year 2028 falls on a Saturday, so Monday 3 January is closed', () => {
      const due = addBusinessMinutes(utc('2027-12-31T16:30:00Z'), 60, WEEKDAYS, LONDON, HOLIDAYS);
      expect(iso(due)).toBe('2028-01-04T09:30:00Z');
    });

    it('is right across the last Sunday of March (clocks go forward)', () => {
      // Friday 27 March 2026 16:00 GMT; Monday 30 March opens at 09:00 BST = 08:00 UTC
      const due = addBusinessMinutes(utc('2026-03-27T16:00:00Z'), 120, WEEKDAYS, LONDON, HOLIDAYS);
      expect(iso(due)).toBe('2026-03-30T09:00:00Z'); // 10:00 BST
      expect(iso(nextOpening(utc('2026-03-28T12:00:00Z'), WEEKDAYS, LONDON))).toBe('2026-03-30T08:00:00Z');
    });

    it('is right across the last Sunday of October (clocks go back)', () => {
      // Friday 23 October 2026 16:00 BST = 15:00 UTC; Monday 26 October opens 09:00 GMT
      const due = addBusinessMinutes(utc('2026-10-23T15:00:00Z'), 120, WEEKDAYS, LONDON, HOLIDAYS);
      expect(iso(due)).toBe('2026-10-26T10:00:00Z');
    });

    it('counts the short and the long Sunday as 23 and 25 hours for a clinic open round the clock', () => {
      // 00:00 GMT Sunday 29 March 2026 + 23 hours of wall-clock day ends at 00:00 BST Monday = 23:00 UTC
      expect(iso(addBusinessMinutes(utc('2026-03-29T00:00:00Z'), 23 * 60, ALWAYS_OPEN, LONDON))).toBe('2026-03-29T23:00:00Z');
      expect(businessMinutesBetween(utc('2026-03-29T00:00:00Z'), utc('2026-03-29T23:00:00Z'), ALWAYS_OPEN, LONDON)).toBe(23 * 60);
      expect(businessMinutesBetween(utc('2026-10-24T23:00:00Z'), utc('2026-10-26T00:00:00Z'), ALWAYS_OPEN, LONDON)).toBe(25 * 60);
    });

    it('reads a Sunday-morning opening inside the spring gap with the offset before the change', () => {
      const earlySunday: OpeningHours = [{ weekday: 0, open: '01:30', close: '03:00' }];
      // 01:30 does not exist on 29 March 2026; it is read as 02:30 BST (01:30 UTC), and 03:00 BST is 02:00 UTC
      expect(iso(nextOpening(utc('2026-03-28T12:00:00Z'), earlySunday, LONDON))).toBe('2026-03-29T01:30:00Z');
      expect(businessMinutesBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-30T00:00:00Z'), earlySunday, LONDON)).toBe(30);
    });

    it('handles a lunch break and overlapping periods', () => {
      const lunch: OpeningHours = [
        { weekday: 2, open: '09:00', close: '13:00' },
        { weekday: 2, open: '14:00', close: '17:00' },
        { weekday: 2, open: '16:00', close: '17:30' },
      ];
      expect(iso(addBusinessMinutes(utc('2026-01-13T12:00:00Z'), 120, lunch, LONDON))).toBe('2026-01-13T15:00:00Z');
      expect(businessMinutesBetween(utc('2026-01-13T00:00:00Z'), utc('2026-01-14T00:00:00Z'), lunch, LONDON)).toBe(450);
    });

    it('works in other time zones', () => {
      // New York changes clocks on 8 March 2026, weeks before London
      // Friday 6 March 17:00 EST (closed) + 60 minutes = Monday 09:00 EDT + 60 = 14:00 UTC
      const due = addBusinessMinutes(utc('2026-03-06T22:00:00Z'), 60, WEEKDAYS, 'America/New_York');
      expect(iso(due)).toBe('2026-03-09T14:00:00Z'); // Monday 10:00 EDT
    });

    it('returns the start itself for zero minutes, even when closed', () => {
      expect(iso(addBusinessMinutes(utc('2026-01-17T03:00:00Z'), 0, WEEKDAYS, LONDON))).toBe('2026-01-17T03:00:00Z');
    });

    it('rejects nonsense rather than guessing', () => {
      const start = utc('2026-01-13T10:00:00Z');
      expect(() => addBusinessMinutes(start, -1, WEEKDAYS, LONDON)).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, Number.NaN, WEEKDAYS, LONDON)).toThrowError(RangeError);
      expect(() => addBusinessMinutes(new Date('nope'), 10, WEEKDAYS, LONDON)).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, 10, WEEKDAYS, 'Europe/Atlantis')).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, 10, [{ weekday: 7, open: '09:00', close: '17:00' }], LONDON)).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, 10, [{ weekday: 1, open: '17:00', close: '09:00' }], LONDON)).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, 10, [{ weekday: 1, open: '9am', close: '17:00' }], LONDON)).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, 10, WEEKDAYS, LONDON, ['1/1/2026'])).toThrowError(RangeError);
      expect(() => addBusinessMinutes(start, 10, [], LONDON)).toThrowError(RangeError);
    });
  });

  describe('businessMinutesBetween', () => {
    it('counts only opening time', () => {
      expect(businessMinutesBetween(utc('2026-01-13T08:00:00Z'), utc('2026-01-13T10:30:00Z'), WEEKDAYS, LONDON)).toBe(90);
      // Friday 16:00 to Monday 10:00 is two hours of opening time
      expect(businessMinutesBetween(utc('2026-01-16T16:00:00Z'), utc('2026-01-19T10:00:00Z'), WEEKDAYS, LONDON)).toBe(120);
    });

    it('is negative when the second instant is earlier, so overdue time needs no second function', () => {
      expect(businessMinutesBetween(utc('2026-01-19T10:00:00Z'), utc('2026-01-16T16:00:00Z'), WEEKDAYS, LONDON)).toBe(-120);
    });

    it('is zero across a closed stretch, or when the calendar never opens', () => {
      expect(businessMinutesBetween(utc('2026-01-17T09:00:00Z'), utc('2026-01-18T20:00:00Z'), WEEKDAYS, LONDON)).toBe(0);
      expect(businessMinutesBetween(utc('2026-01-13T09:00:00Z'), utc('2026-01-14T09:00:00Z'), [], LONDON)).toBe(0);
    });

    it('agrees with addBusinessMinutes', () => {
      const start = utc('2026-03-26T14:17:00Z');
      for (const minutes of [1, 59, 60, 61, 480, 2000, 10_000]) {
        const due = addBusinessMinutes(start, minutes, WITH_SATURDAY, LONDON, HOLIDAYS);
        expect(businessMinutesBetween(start, due, WITH_SATURDAY, LONDON, HOLIDAYS)).withContext(String(minutes)).toBeCloseTo(minutes, 6);
      }
    });
  });

  describe('isOpenAt and nextOpening', () => {
    it('counts opening time as open and closing time as closed', () => {
      expect(isOpenAt(utc('2026-01-13T09:00:00Z'), WEEKDAYS, LONDON)).toBeTrue();
      expect(isOpenAt(utc('2026-01-13T16:59:59Z'), WEEKDAYS, LONDON)).toBeTrue();
      expect(isOpenAt(utc('2026-01-13T17:00:00Z'), WEEKDAYS, LONDON)).toBeFalse();
      expect(isOpenAt(utc('2026-01-13T08:59:00Z'), WEEKDAYS, LONDON)).toBeFalse();
    });

    it('reads opening hours in local time in summer', () => {
      // Tuesday 7 July 2026: 09:00 BST is 08:00 UTC
      expect(isOpenAt(utc('2026-07-07T08:00:00Z'), WEEKDAYS, LONDON)).toBeTrue();
      expect(isOpenAt(utc('2026-07-07T16:30:00Z'), WEEKDAYS, LONDON)).toBeFalse();
    });

    it('is closed on a bank holiday', () => {
      expect(isOpenAt(utc('2026-05-04T10:00:00Z'), WEEKDAYS, LONDON, HOLIDAYS)).toBeFalse();
      expect(isOpenAt(utc('2026-05-04T10:00:00Z'), WEEKDAYS, LONDON, [])).toBeTrue();
    });

    it('gives the instant itself when open and the next opening when closed', () => {
      expect(iso(nextOpening(utc('2026-01-13T10:00:00Z'), WEEKDAYS, LONDON))).toBe('2026-01-13T10:00:00Z');
      expect(iso(nextOpening(utc('2026-01-16T17:00:00Z'), WEEKDAYS, LONDON))).toBe('2026-01-19T09:00:00Z');
      expect(iso(nextOpening(utc('2026-12-24T18:00:00Z'), WEEKDAYS, LONDON, HOLIDAYS))).toBe('2026-12-29T09:00:00Z');
    });

    it('gives null for a calendar that never opens', () => {
      expect(nextOpening(utc('2026-01-13T10:00:00Z'), [], LONDON)).toBeNull();
      expect(isOpenAt(utc('2026-01-13T10:00:00Z'), [], LONDON)).toBeFalse();
    });

    it('defaults to Europe/London and no holidays', () => {
      expect(isOpenAt(utc('2026-07-07T08:30:00Z'), WEEKDAYS)).toBeTrue();
    });
  });

  describe('responseTarget', () => {
    it('uses the defaults: emergency at once, callback 120, appointment 240', () => {
      expect(responseTarget('emergency', 'callback')).toBe(0);
      expect(responseTarget('emergency', 'appointment')).toBe(0);
      expect(responseTarget('routine', 'callback')).toBe(120);
      expect(responseTarget('routine', 'appointment')).toBe(240);
    });

    it('gives urgent requests the shorter of the urgent target and their kind', () => {
      expect(responseTarget('urgent', 'callback')).toBe(DEFAULT_RESPONSE_TARGET_MINUTES.urgentMinutes);
      expect(responseTarget('urgent', 'appointment', { urgentMinutes: 300, appointmentMinutes: 200 })).toBe(200);
    });

    it("takes a centre's stored targets as they are, extra fields and all", () => {
      const stored = { emergencyMinutes: 5, callbackMinutes: 60, appointmentMinutes: 90, claimIdleMinutes: 15 };
      expect(responseTarget('emergency', 'callback', stored)).toBe(5);
      expect(responseTarget('routine', 'callback', stored)).toBe(60);
      expect(responseTarget('routine', 'appointment', stored)).toBe(90);
      expect(responseTarget('urgent', 'appointment', stored)).toBe(30);
    });

    it('rejects negative targets', () => {
      expect(() => responseTarget('routine', 'callback', { callbackMinutes: -5 })).toThrowError(RangeError);
    });
  });

  describe('dueAt', () => {
    const calendar = { hours: WITH_SATURDAY, timeZone: LONDON, holidays: HOLIDAYS };

    it('makes an emergency due the moment it arrives, even at night', () => {
      const receivedAt = utc('2026-01-17T23:40:00Z');
      expect(iso(dueAt({ receivedAt, priority: 'emergency', kind: 'callback', calendar }))).toBe('2026-01-17T23:40:00Z');
    });

    it('runs routine targets in opening time from when the request arrived', () => {
      // Saturday 17 January 2026 12:30: half an hour left on Saturday, the rest on Monday from 08:30
      const receivedAt = utc('2026-01-17T12:30:00Z');
      expect(iso(dueAt({ receivedAt, priority: 'routine', kind: 'callback', calendar }))).toBe('2026-01-19T10:00:00Z');
      expect(iso(dueAt({ receivedAt, priority: 'routine', kind: 'appointment', calendar }))).toBe('2026-01-19T12:00:00Z');
      expect(iso(dueAt({ receivedAt, priority: 'urgent', kind: 'appointment', calendar }))).toBe('2026-01-17T13:00:00Z');
    });

    it('uses the centre targets and defaults the time zone', () => {
      const receivedAt = utc('2026-07-07T10:00:00Z'); // 11:00 BST
      const due = dueAt({ receivedAt, priority: 'routine', kind: 'callback', calendar: { hours: WEEKDAYS }, targets: { callbackMinutes: 30 } });
      expect(iso(due)).toBe('2026-07-07T10:30:00Z');
    });
  });
});
