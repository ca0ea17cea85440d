/**
 * Triage rules shared by the API server and the Angular app: red-flag screening of a patient's
 * words, response-target clocks in opening hours, and matching a request to known people.
 * Pure TypeScript with no Node or DOM dependencies. The test corpus (red-flag-corpus.ts) is
 * deliberately not exported, so it never reaches the browser bundle.
 */
export {
  priorityOf,
  redFlagCategories,
  RED_FLAG_CONCEPTS,
  RED_FLAG_RULES,
  screenMessage,
  type RedFlag,
  type RedFlagLevel,
  type RedFlagPattern,
  type RedFlagPatternSpec,
  type RedFlagRule,
  type ScreeningResult,
  type TriagePriority,
} from './red-flags';

export {
  addBusinessMinutes,
  businessMinutesBetween,
  DEFAULT_RESPONSE_TARGET_MINUTES,
  DEFAULT_TIME_ZONE,
  dueAt,
  isOpenAt,
  nextOpening,
  responseTarget,
  type ClinicCalendar,
  type ClosedDates,
  type DueAtInput,
  type OpeningHours,
  type OpeningPeriod,
  type RequestKind,
  type ResponseTargetMinutes,
} from './business-hours';

export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_BANK_HOLIDAY_DATES,
  type BankHoliday,
} from './bank-holidays';

export {
  classifyMatch,
  emailMatchKey,
  MATCH_REASON_LABELS,
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  rankMatches,
  scoreMatch,
  type ContactDetails,
  type MatchClass,
  type MatchReason,
  type MatchScore,
  type RankedMatch,
} from './matching';

export {
  ClosedDateSchema,
  MatchClassSchema,
  MatchReasonSchema,
  RedFlagLevelSchema,
  RedFlagSchema,
  RequestKindSchema,
  ScreeningResultSchema,
  TriagePrioritySchema,
} from './triage.schema';
