/**
 * Bank holidays in England and Wales, 2026 to 2028, as local dates (the clinic's calendar day).
 *
 * Why a table and not a rule: bank holidays are set by proclamation and change at short notice
 * (coronations, jubilees, moved May holidays), so a manager must be able to see and edit the
 * list. The rule-based derivation lives in the spec, which checks this table against Easter and
 * the substitute-day rules so a typo cannot slip in. Dates after 2027 are the expected ones and
 * should be checked against GOV.UK when it publishes them. Scotland and Northern Ireland differ.
 */
export interface BankHoliday {
  /** ISO local date, YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
}

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = [
  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2028-01-03', name: "New Year's Day (substitute day)" },
  { date: '2028-04-14', name: 'Good Friday' },
  { date: '2028-04-17', name: 'Easter Monday' },
  { date: '2028-05-01', name: 'Early May bank holiday' },
  { date: '2028-05-29', name: 'Spring bank holiday' },
  { date: '2028-08-28', name: 'Summer bank holiday' },
  { date: '2028-12-25', name: 'Christmas Day' },
  { date: '2028-12-26', name: 'Boxing Day' },
];

/** Just the dates, the shape the business-hours functions take. */
export const ENGLAND_AND_WALES_BANK_HOLIDAY_DATES: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS.map(
  (holiday) => holiday.date,
);
