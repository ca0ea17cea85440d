import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { classifyMatch, scoreMatch, type MatchClass, type MatchReason } from './matching';
import { screenMessage, type RedFlag, type ScreeningResult, type TriagePriority } from './red-flags';
import {
  ClosedDateSchema,
  MatchClassSchema,
  MatchReasonSchema,
  RedFlagSchema,
  ScreeningResultSchema,
  TriagePrioritySchema,
} from './triage.schema';
import { ENGLAND_AND_WALES_BANK_HOLIDAY_DATES } from './bank-holidays';

// Compile-time: the schemas describe exactly the declared types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<Static<typeof RedFlagSchema>, RedFlag>,
  Same<Static<typeof ScreeningResultSchema>, ScreeningResult>,
  Same<Static<typeof TriagePrioritySchema>, TriagePriority>,
  Same<Static<typeof MatchReasonSchema>, MatchReason>,
  Same<Static<typeof MatchClassSchema>, MatchClass>,
] = [true, true, true, true, true];

describe('triage schemas', () => {
  it('agree with the TypeScript types', () => {
    expect(checks.every(Boolean)).toBeTrue();
  });

  it('accept real screening output and reject a tampered flag', () => {
    const result = screenMessage('no fever but I cannot pee, and my calf cramps at night');
    expect(result.redFlags.length).toBeGreaterThan(1);
    expect(Value.Check(ScreeningResultSchema, result)).toBeTrue();
    expect(Value.Check(RedFlagSchema, { ...result.redFlags[0], level: 'mild' })).toBeFalse();
  });

  it('accept real match reasons and classes', () => {
    const score = scoreMatch({ name: 'Ann Lee', phone: '07700 900123' }, { name: 'Anne Lee', phone: '+447700900123' });
    for (const reason of score.reasons) expect(Value.Check(MatchReasonSchema, reason)).toBeTrue();
    expect(Value.Check(MatchClassSchema, classifyMatch(score))).toBeTrue();
  });

  it('accept the bank holiday dates and reject other date shapes', () => {
    for (const date of ENGLAND_AND_WALES_BANK_HOLIDAY_DATES) expect(Value.Check(ClosedDateSchema, date)).toBeTrue();
    expect(Value.Check(ClosedDateSchema, '25/12/2026')).toBeFalse();
    expect(Value.Check(ClosedDateSchema, '2026-13-01')).toBeFalse();
  });
});
