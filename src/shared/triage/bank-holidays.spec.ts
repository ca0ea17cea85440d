import { ENGLAND_AND_WALES_BANK_HOLIDAYS, ENGLAND_AND_WALES_BANK_HOLIDAY_DATES } from './bank-holidays';

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const isoOf = (date: Date): string => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);

function firstMonday(year: number, monthIndex: number): Date {
  const first = new Date(Date.UTC(year, monthIndex, 1));
  return plusDays(first, (8 - first.getUTCDay()) % 7);
}

function lastMonday(year: number, monthIndex: number): Date {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0));
  return plusDays(last, -((last.getUTCDay() + 6) % 7));
}

/** Weekend fixed holidays move to the next free weekday (the substitute-day rule). */
function withSubstitutes(fixed: readonly Date[]): string[] {
  const taken = new Set<string>();
  for (const date of fixed) {
    let day = date;
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || taken.has(isoOf(day))) day = plusDays(day, 1);
    taken.add(isoOf(day));
  }
  return [...taken];
}

/** England and Wales, by the rules in force: the table must agree with this for every year. */
function derivedHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    ...withSubstitutes([new Date(Date.UTC(year, 0, 1))]),
    isoOf(plusDays(easter, -2)),
    isoOf(plusDays(easter, 1)),
    isoOf(firstMonday(year, 4)),
    isoOf(lastMonday(year, 4)),
    isoOf(lastMonday(year, 7)),
    ...withSubstitutes([new Date(Date.UTC(year, 11, 25)), new Date(Date.UTC(year, 11, 26))]),
  ].sort();
}

describe('England and Wales bank holidays', () => {
  it('computes Easter correctly for known years', () => {
    expect(isoOf(easterSunday(2024))).toBe('2024-03-31');
    expect(isoOf(easterSunday(2025))).toBe('2025-04-20');
    expect(isoOf(easterSunday(2026))).toBe('2026-04-05');
    expect(isoOf(easterSunday(2027))).toBe('2027-03-28');
    expect(isoOf(easterSunday(2028))).toBe('2028-04-16');
  });

  for (const year of [2026, 2027, 2028]) {
    it(`lists exactly the ${year} holidays the rules give, Easter and substitute days included`, () => {
      const listed = ENGLAND_AND_WALES_BANK_HOLIDAY_DATES.filter((date) => date.startsWith(`${year}-`));
      expect(listed).toEqual(derivedHolidays(year));
      expect(listed.length).toBe(8);
    });
  }

  it('matches the dates published for 2026 and 2027', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAY_DATES).toEqual(jasmine.arrayContaining([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
      '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
    ]));
  });

  it('is sorted, unique, on weekdays, and every entry is named', () => {
    const dates = [...ENGLAND_AND_WALES_BANK_HOLIDAY_DATES];
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const holiday of ENGLAND_AND_WALES_BANK_HOLIDAYS) {
      const day = new Date(`${holiday.date}T00:00:00Z`).getUTCDay();
      expect(day).withContext(holiday.date).not.toBe(0);
      expect(day).withContext(holiday.date).not.toBe(6);
      expect(holiday.name).not.toBe('');
    }
  });
});
